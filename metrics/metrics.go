package metrics

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"codeberg.org/entraide/entraide/bot"
)

// TicketStats reads ticket figures from storage at each scrape, so they
// survive restarts; both must be quick queries.
type TicketStats interface {
	// CountByState returns how many tickets are in each state.
	CountByState(ctx context.Context) (map[string]int, error)
	// FirstAnswerDelays returns, per answered ticket, the time from its
	// creation to a mentor's first answer.
	FirstAnswerDelays(ctx context.Context) ([]time.Duration, error)
}

// Metrics is the set of entraide's metrics, in a registry of its own.
type Metrics struct {
	reg *prometheus.Registry
	bot *bot.Bot

	messages    *prometheus.CounterVec
	questions   prometheus.Counter
	answers     *prometheus.CounterVec
	suggestions prometheus.Counter
	abstentions prometheus.Counter
	throttled   *prometheus.CounterVec
	reloads     *prometheus.CounterVec
	latency     prometheus.Histogram

	tickets TicketStats
}

var _ bot.Observer = (*Metrics)(nil)

// New makes the metrics of b and registers them as an observer of its
// router.
func New(b *bot.Bot) *Metrics {
	outcomes := []string{string(bot.OutcomeAnswer), string(bot.OutcomeSuggest), string(bot.OutcomeAbstain),
		string(bot.OutcomeChitchat), string(bot.OutcomeCommand), string(bot.OutcomeOther)}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		bot: b,
		messages: counterVec("entraide_messages_total",
			"Messages routed, by outcome (answer, suggest, abstain, chitchat, command, other).", "outcome", outcomes...),
		questions:   counter("entraide_questions_total", "Messages that reached the FAQ matcher (questions, not commands)."),
		answers:     counterVec("entraide_answers_total", "FAQ answers sent, by entry id.", "entry"),
		suggestions: counter("entraide_suggestions_total", "\"Did you mean\" lists sent."),
		abstentions: counter("entraide_abstentions_total",
			"Questions the FAQ could not answer (escalated or \"don't know\")."),
		throttled: counterVec("entraide_throttled_total",
			"Messages dropped by the rate limit, by bucket (user or room).", "bucket", "user", "room"),
		reloads: counterVec("entraide_reloads_total",
			"FAQ and announcement reloads, by result (ok or failed).", "result", "ok", "failed"),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "entraide_reply_seconds",
			Help:    "Time from receiving a message to having sent the bot's reply.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
	}
	m.reg.MustRegister(m.messages, m.questions, m.answers, m.suggestions, m.abstentions,
		m.throttled, m.reloads, m.latency,
		&liveCollector{m: m},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	b.Observe(m)
	return m
}

func counter(name, help string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
}

// counterVec makes a counter with one label; the series of the given label
// values exist from the start, so a dashboard shows zeros before the first
// event.
func counterVec(name, help, label string, values ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, []string{label})
	for _, v := range values {
		c.WithLabelValues(v)
	}
	return c
}

// Registry is where the metrics live (tests gather from it).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves /metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Routed implements bot.Observer.
func (m *Metrics) Routed(req *bot.Request, o bot.Outcome, took time.Duration) {
	m.messages.WithLabelValues(string(o)).Inc()
	switch o {
	case bot.OutcomeAnswer:
		m.questions.Inc()
		m.answers.WithLabelValues(req.Match.Entry.ID).Inc()
	case bot.OutcomeSuggest:
		m.questions.Inc()
		m.suggestions.Inc()
	case bot.OutcomeAbstain:
		m.questions.Inc()
		m.abstentions.Inc()
	case bot.OutcomeChitchat:
		m.questions.Inc()
	}
	if req.Replied() > 0 {
		m.latency.Observe(took.Seconds())
	}
}

// Throttled counts a message dropped by the rate limit; bucket is "user"
// or "room".
func (m *Metrics) Throttled(bucket string) { m.throttled.WithLabelValues(bucket).Inc() }

// Reloaded counts a reload attempt.
func (m *Metrics) Reloaded(ok bool) {
	if ok {
		m.reloads.WithLabelValues("ok").Inc()
	} else {
		m.reloads.WithLabelValues("failed").Inc()
	}
}

// Tickets makes every scrape report tickets by state and the time to a
// first mentor answer, read from st. Call it before serving.
func (m *Metrics) Tickets(st TicketStats) { m.tickets = st }
