package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"codeberg.org/entraide/entraide/bot"
)

// liveCollector reads state at scrape time instead of counting events:
// whether each adapter is connected, how big the served KB is, and how many
// tickets are in each state.
type liveCollector struct{ m *Metrics }

var (
	connectedDesc = prometheus.NewDesc("entraide_adapter_connected",
		"1 when the adapter reports it is connected to its server, else 0.", []string{"adapter"}, nil)
	entriesDesc = prometheus.NewDesc("entraide_faq_entries",
		"FAQ entries currently served (drafts excluded).", nil, nil)
	ticketsDesc = prometheus.NewDesc("entraide_tickets",
		"Tickets by state, read from the database at scrape time.", []string{"state"}, nil)
	scrapeErrDesc = prometheus.NewDesc("entraide_scrape_errors",
		"1 when part of the state could not be read at this scrape.", []string{"part"}, nil)
)

func (c *liveCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- connectedDesc
	ch <- entriesDesc
	ch <- ticketsDesc
	ch <- scrapeErrDesc
}

func (c *liveCollector) Collect(ch chan<- prometheus.Metric) {
	for _, a := range c.m.bot.Adapters() {
		v := 1.0
		if !Connected(a) {
			v = 0
		}
		ch <- prometheus.MustNewConstMetric(connectedDesc, prometheus.GaugeValue, v, a.Name())
	}
	if _, kb := c.m.bot.FAQ(); kb != nil {
		ch <- prometheus.MustNewConstMetric(entriesDesc, prometheus.GaugeValue, float64(len(kb.Served())))
	}
	if c.m.tickets != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		counts, err := c.m.tickets(ctx)
		failed := 0.0
		if err != nil {
			failed = 1
		}
		for state, n := range counts {
			ch <- prometheus.MustNewConstMetric(ticketsDesc, prometheus.GaugeValue, float64(n), state)
		}
		ch <- prometheus.MustNewConstMetric(scrapeErrDesc, prometheus.GaugeValue, failed, "tickets")
	}
}

// Connected reports an adapter's connection state; adapters that cannot
// tell (no bot.StatusReporter) count as connected.
func Connected(a bot.Adapter) bool {
	if s, ok := a.(bot.StatusReporter); ok {
		return s.Connected()
	}
	return true
}
