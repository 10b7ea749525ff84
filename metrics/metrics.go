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
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		bot: b,
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entraide_messages_total",
			Help: "Messages routed, by outcome (answer, suggest, abstain, chitchat, command, other).",
		}, []string{"outcome"}),
		questions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "entraide_questions_total",
			Help: "Messages that reached the FAQ matcher (questions, not commands).",
		}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entraide_answers_total",
			Help: "FAQ answers sent, by entry id.",
		}, []string{"entry"}),
		suggestions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "entraide_suggestions_total",
			Help: "\"Did you mean\" lists sent.",
		}),
		abstentions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "entraide_abstentions_total",
			Help: "Questions the FAQ could not answer (escalated or \"don't know\").",
		}),
		throttled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entraide_throttled_total",
			Help: "Messages dropped by the rate limit, by bucket (user or room).",
		}, []string{"bucket"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entraide_reloads_total",
			Help: "FAQ and announcement reloads, by result (ok or failed).",
		}, []string{"result"}),
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
	for _, o := range []bot.Outcome{bot.OutcomeAnswer, bot.OutcomeSuggest, bot.OutcomeAbstain,
		bot.OutcomeChitchat, bot.OutcomeCommand, bot.OutcomeOther} {
		m.messages.WithLabelValues(string(o)) // show zeros before the first message
	}
	m.throttled.WithLabelValues("user")
	m.throttled.WithLabelValues("room")
	m.reloads.WithLabelValues("ok")
	m.reloads.WithLabelValues("failed")
	b.Observe(m)
	return m
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
