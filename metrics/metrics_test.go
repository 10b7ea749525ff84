package metrics_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/metrics"
)

// linkAdapter is a fake adapter whose connection can be cut.
type linkAdapter struct {
	*bottest.Adapter
	up atomic.Bool
}

func (l *linkAdapter) Connected() bool { return l.up.Load() }

type fakeTickets struct {
	counts map[string]int
	delays []time.Duration
	err    error
}

func (f fakeTickets) CountByState(context.Context) (map[string]int, error) { return f.counts, f.err }
func (f fakeTickets) FirstAnswerDelays(context.Context) ([]time.Duration, error) {
	return f.delays, f.err
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body)
}

func wantLine(t *testing.T, body, line string) {
	t.Helper()
	for _, l := range strings.Split(body, "\n") {
		if l == line {
			return
		}
	}
	t.Errorf("metrics lack the line %q", line)
}

func TestMetricsCountWhatTheRouterDid(t *testing.T) {
	b := bot.New(bot.Options{})
	fa := &linkAdapter{Adapter: bottest.New("fake")}
	fa.up.Store(true)
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	kb := bottest.KB(t)
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	m := metrics.New(b)
	m.Tickets(fakeTickets{counts: map[string]int{"open": 3, "resolved": 7},
		delays: []time.Duration{10 * time.Minute, 2 * time.Hour}})
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "combien coûte la formation ?")
	fa.Say(ctx, b, "support", "bea", "quel est le prix de la formation ?")
	fa.Say(ctx, b, "support", "alice", "réinitialiser mot de passe nextcloud")
	fa.Say(ctx, b, "support", "alice", "vous avez une instance jitsi ?")
	fa.Say(ctx, b, "support", "alice", "!aide")
	fa.Say(ctx, b, "support", "alice", "bonjour")
	m.Throttled("user")
	m.Reloaded(b, false)
	fa.up.Store(false)

	code, body := get(t, m.Handler(), "/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	for _, l := range []string{
		`entraide_questions_total 5`,
		`entraide_answers_total{entry="formation-tarifs"} 2`,
		`entraide_answers_total{entry="nuage-mdp"} 1`,
		`entraide_abstentions_total 1`,
		`entraide_messages_total{outcome="command"} 1`,
		`entraide_messages_total{outcome="chitchat"} 1`,
		`entraide_messages_total{outcome="suggest"} 0`,
		`entraide_throttled_total{bucket="user"} 1`,
		`entraide_reloads_total{result="failed"} 1`,
		`entraide_reply_seconds_count 6`,
		`entraide_ticket_first_answer_seconds_count 2`,
		`entraide_ticket_first_answer_seconds_sum 7800`,
		`entraide_ticket_first_answer_seconds_bucket{le="300"} 0`,
		`entraide_ticket_first_answer_seconds_bucket{le="900"} 1`,
		`entraide_ticket_first_answer_seconds_bucket{le="7200"} 2`,
		`entraide_ticket_first_answer_seconds_bucket{le="+Inf"} 2`,
		`entraide_adapter_connected{adapter="fake"} 0`,
		`entraide_faq_entries 2`,
		`entraide_tickets{state="open"} 3`,
		`entraide_tickets{state="resolved"} 7`,
		`entraide_scrape_errors{part="tickets"} 0`,
	} {
		wantLine(t, body, l)
	}
	if !strings.Contains(body, "go_goroutines") || !strings.Contains(body, "process_") {
		t.Error("runtime and process metrics missing")
	}
}

func TestHealthNeedsKBAndEveryAdapterConnected(t *testing.T) {
	b := bot.New(bot.Options{})
	up := &linkAdapter{Adapter: bottest.New("matrix")}
	up.up.Store(true)
	flaky := &linkAdapter{Adapter: bottest.New("xmpp")}
	plain := bottest.New("console") // cannot tell: counts as connected
	for _, a := range []bot.Adapter{up, flaky, plain} {
		if err := b.AddAdapter(a); err != nil {
			t.Fatal(err)
		}
	}
	h := metrics.Health(b)
	code, body := get(t, h, "/healthz")
	if code != 503 || !strings.Contains(body, "FAQ not loaded") || !strings.Contains(body, "adapter xmpp not connected") {
		t.Fatalf("no KB and xmpp down must be 503 naming both: %d %q", code, body)
	}
	kb := bottest.KB(t)
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	if code, body = get(t, h, "/healthz"); code != 503 || strings.Contains(body, "FAQ") {
		t.Fatalf("KB loaded but xmpp down: %d %q", code, body)
	}
	flaky.up.Store(true)
	if code, body = get(t, h, "/healthz"); code != 200 || !strings.HasPrefix(body, "ok") {
		t.Fatalf("all up: %d %q", code, body)
	}
}

// TestHealthCountsEveryCommunity: with communities, /healthz counts the
// FAQ entries of each, named, not the first one's only.
func TestHealthCountsEveryCommunity(t *testing.T) {
	fa := &linkAdapter{Adapter: bottest.New("fake")}
	fa.up.Store(true)
	kb := bottest.KB(t)
	var cs []metrics.Community
	for _, name := range []string{"alpha", "beta", "gamma"} {
		b := bot.New(bot.Options{})
		if err := b.AddAdapter(fa); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, metrics.Community{Name: name, Bot: b})
	}
	for _, c := range cs[:2] {
		c.Bot.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	}
	h := metrics.ForCommunities(cs).Health()
	if code, body := get(t, h, "/healthz"); code != 503 || !strings.Contains(body, "gamma") {
		t.Fatalf("gamma's FAQ not loaded must be 503 naming it: %d %q", code, body)
	}
	cs[2].Bot.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	n := len(kb.Served())
	want := fmt.Sprintf("ok: %d FAQ entries (alpha %d, beta %d, gamma %d), 1 adapters connected", 3*n, n, n, n)
	if code, body := get(t, h, "/healthz"); code != 200 || strings.TrimSpace(body) != want {
		t.Fatalf("got %d %q, want %q", code, body, want)
	}
}

func TestTicketCountErrorIsVisible(t *testing.T) {
	b := bot.New(bot.Options{})
	m := metrics.New(b)
	m.Tickets(fakeTickets{err: context.DeadlineExceeded})
	_, body := get(t, m.Handler(), "/metrics")
	wantLine(t, body, `entraide_scrape_errors{part="tickets"} 1`)
}

// With communities, the series of each community carry its name, and a
// message in one community counts in its series only.
func TestMetricsPerCommunity(t *testing.T) {
	fa := &linkAdapter{Adapter: bottest.New("fake")}
	fa.up.Store(true)
	kb := bottest.KB(t)
	var cs []metrics.Community
	for i, name := range []string{"alpha", "beta"} {
		b := bot.New(bot.Options{})
		if err := b.AddAdapter(fa); err != nil {
			t.Fatal(err)
		}
		b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
		cs = append(cs, metrics.Community{Name: name, Bot: b,
			Tickets: fakeTickets{counts: map[string]int{"open": i + 1}}})
	}
	m := metrics.ForCommunities(cs)
	ctx := context.Background()
	fa.Say(ctx, cs[1].Bot, "b", "dave", "combien coûte la formation ?")
	fa.Say(ctx, cs[1].Bot, "b", "dave", "vous avez une instance jitsi ?")
	m.Reloaded(cs[0].Bot, true)
	_, body := get(t, m.Handler(), "/metrics")
	for _, l := range []string{
		`entraide_answers_total{community="beta",entry="formation-tarifs"} 1`,
		`entraide_questions_total{community="alpha"} 0`,
		`entraide_questions_total{community="beta"} 2`,
		`entraide_abstentions_total{community="beta"} 1`,
		`entraide_messages_total{community="alpha",outcome="answer"} 0`,
		`entraide_reloads_total{community="alpha",result="ok"} 1`,
		`entraide_reloads_total{community="beta",result="ok"} 0`,
		`entraide_faq_entries{community="alpha"} 2`,
		`entraide_tickets{community="alpha",state="open"} 1`,
		`entraide_tickets{community="beta",state="open"} 2`,
		`entraide_ticket_first_answer_seconds_count{community="beta"} 0`,
		`entraide_adapter_connected{adapter="fake"} 1`,
	} {
		wantLine(t, body, l)
	}
}
