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
	bot *bot.Bot // the first community's: adapters, and the FAQ without communities

	// communities, when the bot serves several: each community's series
	// carry its name in a "community" label.
	communities []Community
	names       map[*bot.Bot]string

	messages    *prometheus.CounterVec
	questions   *prometheus.CounterVec
	answers     *prometheus.CounterVec
	suggestions *prometheus.CounterVec
	abstentions *prometheus.CounterVec
	throttled   *prometheus.CounterVec
	reloads     *prometheus.CounterVec
	latency     prometheus.Histogram

	tickets TicketStats
	live    liveDescs
}

// Community is one community of a bot serving several: its name (the
// value of the community label), its core, and its ticket figures.
type Community struct {
	Name    string
	Bot     *bot.Bot
	Tickets TicketStats
}

var _ bot.Observer = (*Metrics)(nil)

// New makes the metrics of b and registers them as an observer of its
// router.
func New(b *bot.Bot) *Metrics { return build(b, nil) }

// ForCommunities makes the metrics of a bot serving several communities:
// the series of messages, questions, answers, suggestions, abstentions,
// reloads, FAQ entries and tickets get a "community" label. Adapters,
// throttling and latency stay bot-wide.
func ForCommunities(cs []Community) *Metrics { return build(cs[0].Bot, cs) }

func build(b *bot.Bot, cs []Community) *Metrics {
	outcomes := []string{string(bot.OutcomeAnswer), string(bot.OutcomeSuggest), string(bot.OutcomeAbstain),
		string(bot.OutcomeChitchat), string(bot.OutcomeCommand), string(bot.OutcomeOther)}
	var scope []string // the community label's values, when there is one
	for _, c := range cs {
		scope = append(scope, c.Name)
	}
	m := &Metrics{
		reg:         prometheus.NewRegistry(),
		bot:         b,
		communities: cs,
		names:       map[*bot.Bot]string{},
		messages: counterVec(scope, "entraide_messages_total",
			"Messages routed, by outcome (answer, suggest, abstain, chitchat, command, other).", "outcome", outcomes...),
		questions:   counterVec(scope, "entraide_questions_total", "Messages that reached the FAQ matcher (questions, not commands).", ""),
		answers:     counterVec(scope, "entraide_answers_total", "FAQ answers sent, by entry id.", "entry"),
		suggestions: counterVec(scope, "entraide_suggestions_total", "\"Did you mean\" lists sent.", ""),
		abstentions: counterVec(scope, "entraide_abstentions_total",
			"Questions the FAQ could not answer (escalated or \"don't know\").", ""),
		throttled: counterVec(nil, "entraide_throttled_total",
			"Messages dropped by the rate limit, by bucket (user or room).", "bucket", "user", "room"),
		reloads: counterVec(scope, "entraide_reloads_total",
			"FAQ and announcement reloads, by result (ok or failed).", "result", "ok", "failed"),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "entraide_reply_seconds",
			Help:    "Time from receiving a message to having sent the bot's reply.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
		live: newLiveDescs(len(cs) > 0),
	}
	m.reg.MustRegister(m.messages, m.questions, m.answers, m.suggestions, m.abstentions,
		m.throttled, m.reloads, m.latency,
		&liveCollector{m: m},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if len(cs) == 0 {
		b.Observe(m)
	}
	for _, c := range cs {
		m.names[c.Bot] = c.Name
		c.Bot.Observe(m)
	}
	return m
}

// counterVec makes a counter with the label (none when ""), preceded by a
// "community" label when scope lists communities. The series of the given
// label values exist from the start, so a dashboard shows zeros before the
// first event.
func counterVec(scope []string, name, help, label string, values ...string) *prometheus.CounterVec {
	var labels []string
	if scope != nil {
		labels = append(labels, "community")
	}
	if label != "" {
		labels = append(labels, label)
	}
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	switch {
	case scope == nil && label == "":
		c.WithLabelValues()
	case scope == nil:
		for _, v := range values {
			c.WithLabelValues(v)
		}
	default:
		for _, s := range scope {
			if label == "" {
				c.WithLabelValues(s)
			}
			for _, v := range values {
				c.WithLabelValues(s, v)
			}
		}
	}
	return c
}

// with returns the series of c for the community of b (when the metrics
// have communities) and the other label values.
func (m *Metrics) with(c *prometheus.CounterVec, b *bot.Bot, values ...string) prometheus.Counter {
	if m.communities == nil {
		return c.WithLabelValues(values...)
	}
	return c.WithLabelValues(append([]string{m.names[b]}, values...)...)
}

// Registry is where the metrics live (tests gather from it).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves /metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Routed implements bot.Observer.
func (m *Metrics) Routed(req *bot.Request, o bot.Outcome, took time.Duration) {
	b := req.Bot
	m.with(m.messages, b, string(o)).Inc()
	switch o {
	case bot.OutcomeAnswer:
		m.with(m.questions, b).Inc()
		m.with(m.answers, b, req.Match.Entry.ID).Inc()
	case bot.OutcomeSuggest:
		m.with(m.questions, b).Inc()
		m.with(m.suggestions, b).Inc()
	case bot.OutcomeAbstain:
		m.with(m.questions, b).Inc()
		m.with(m.abstentions, b).Inc()
	case bot.OutcomeChitchat:
		m.with(m.questions, b).Inc()
	}
	if req.Replied() > 0 {
		m.latency.Observe(took.Seconds())
	}
}

// Throttled counts a message dropped by the rate limit; bucket is "user"
// or "room".
func (m *Metrics) Throttled(bucket string) { m.throttled.WithLabelValues(bucket).Inc() }

// Reloaded counts a reload attempt of the community whose core is b.
func (m *Metrics) Reloaded(b *bot.Bot, ok bool) {
	result := "failed"
	if ok {
		result = "ok"
	}
	m.with(m.reloads, b, result).Inc()
}

// Tickets makes every scrape report tickets by state and the time to a
// first mentor answer, read from st, for a bot without communities (those
// of ForCommunities are read from each Community). Call it before serving.
func (m *Metrics) Tickets(st TicketStats) { m.tickets = st }
