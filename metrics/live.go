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
	scrapeErrDesc = prometheus.NewDesc("entraide_scrape_errors",
		"1 when part of the state could not be read at this scrape.", []string{"part"}, nil)
)

// liveDescs are the per-community series read at scrape time; with
// communities they start with a "community" label.
type liveDescs struct {
	entries, tickets, firstAnswer *prometheus.Desc
}

func newLiveDescs(communities bool) liveDescs {
	var scope []string
	if communities {
		scope = []string{"community"}
	}
	return liveDescs{
		entries: prometheus.NewDesc("entraide_faq_entries",
			"FAQ entries currently served (drafts excluded).", scope, nil),
		tickets: prometheus.NewDesc("entraide_tickets",
			"Tickets by state, read from the database at scrape time.", append(scope, "state"), nil),
		firstAnswer: prometheus.NewDesc("entraide_ticket_first_answer_seconds",
			"Time from a ticket's creation to the first answer of a mentor, over every answered ticket in the database.", scope, nil),
	}
}

func (c *liveCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- connectedDesc
	ch <- c.m.live.entries
	ch <- c.m.live.tickets
	ch <- c.m.live.firstAnswer
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
	parts := c.m.communities
	if parts == nil {
		parts = []Community{{Bot: c.m.bot, Tickets: c.m.tickets}}
	}
	failed := 0.0
	for _, p := range parts {
		var scope []string
		if c.m.communities != nil {
			scope = []string{p.Name}
		}
		if _, kb := p.Bot.FAQ(); kb != nil {
			ch <- prometheus.MustNewConstMetric(c.m.live.entries, prometheus.GaugeValue, float64(len(kb.Served())), scope...)
		}
		if p.Tickets != nil && !c.collectTickets(ch, p.Tickets, scope) {
			failed = 1
		}
	}
	if c.m.tickets != nil || c.m.communities != nil {
		ch <- prometheus.MustNewConstMetric(scrapeErrDesc, prometheus.GaugeValue, failed, "tickets")
	}
}

// firstAnswerBuckets, in seconds: a minute up to a week.
var firstAnswerBuckets = []float64{60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600}

// collectTickets reports st's figures with the scope's labels; false when
// part of them could not be read.
func (c *liveCollector) collectTickets(ch chan<- prometheus.Metric, st TicketStats, scope []string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ok := true
	counts, err := st.CountByState(ctx)
	if err != nil {
		ok = false
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.m.live.tickets, prometheus.GaugeValue, float64(n), append(scope, state)...)
	}
	delays, err := st.FirstAnswerDelays(ctx)
	if err != nil {
		return false
	}
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
	ch <- prometheus.MustNewConstHistogram(c.m.live.firstAnswer, uint64(len(delays)), sum, buckets, scope...)
	return ok
}

// Connected reports an adapter's connection state; adapters that cannot
// tell (no bot.StatusReporter) count as connected.
func Connected(a bot.Adapter) bool {
	if s, ok := a.(bot.StatusReporter); ok {
		return s.Connected()
	}
	return true
}
