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
	firstAnswerDesc = prometheus.NewDesc("entraide_ticket_first_answer_seconds",
		"Time from a ticket's creation to the first answer of a mentor, over every answered ticket in the database.", nil, nil)
	scrapeErrDesc = prometheus.NewDesc("entraide_scrape_errors",
		"1 when part of the state could not be read at this scrape.", []string{"part"}, nil)
)

func (c *liveCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- connectedDesc
	ch <- entriesDesc
	ch <- ticketsDesc
	ch <- firstAnswerDesc
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
		c.collectTickets(ch)
	}
}

// firstAnswerBuckets, in seconds: a minute up to a week.
var firstAnswerBuckets = []float64{60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600}

func (c *liveCollector) collectTickets(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	failed := 0.0
	counts, err := c.m.tickets.CountByState(ctx)
	if err != nil {
		failed = 1
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(ticketsDesc, prometheus.GaugeValue, float64(n), state)
	}
	delays, err := c.m.tickets.FirstAnswerDelays(ctx)
	if err != nil {
		failed = 1
	} else {
		buckets := make(map[float64]uint64, len(firstAnswerBuckets))
		for _, le := range firstAnswerBuckets {
			buckets[le] = 0
		}
		sum := 0.0
		for _, d := range delays {
			s := d.Seconds()
			sum += s
			for _, le := range firstAnswerBuckets {
				if s <= le {
					buckets[le]++
				}
			}
		}
		ch <- prometheus.MustNewConstHistogram(firstAnswerDesc, uint64(len(delays)), sum, buckets)
	}
	ch <- prometheus.MustNewConstMetric(scrapeErrDesc, prometheus.GaugeValue, failed, "tickets")
}

// Connected reports an adapter's connection state; adapters that cannot
// tell (no bot.StatusReporter) count as connected.
func Connected(a bot.Adapter) bool {
	if s, ok := a.(bot.StatusReporter); ok {
		return s.Connected()
	}
	return true
}
