package tickets_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// interleaving is an adapter that runs a hook in the middle of a send, to put
// another mentor's command between the relay of an answer and its record.
type interleaving struct {
	*bottest.Adapter
	during func()
}

func (a *interleaving) Send(ctx context.Context, r bot.Reply) (string, error) {
	if f := a.during; f != nil && r.Room.ID == "support" {
		a.during = nil
		f()
	}
	return a.Adapter.Send(ctx, r)
}

// newInterleavingBot is a bot with tickets on a real SQLite store, mentors
// bob and carol, and the interleaving adapter.
func newInterleavingBot(t *testing.T) (*bot.Bot, *interleaving, *sqlite.TicketStore) {
	t.Helper()
	b := bot.New(bot.Options{Mentors: map[string][]string{"fake": {"bob", "carol"}},
		MentorsRoom: &bot.Room{Adapter: "fake", ID: "mentors"}})
	kb := testKB(t)
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	fa := &interleaving{Adapter: bottest.New("fake")}
	b.AddAdapter(fa)
	store := sqlite.NewTicketStore(openTestDB(t, filepath.Join(t.TempDir(), "t.db")))
	if _, err := tickets.Enable(b, store, tickets.Options{}); err != nil {
		t.Fatal(err)
	}
	return b, fa, store
}

// An answer the asker got is recorded even if another mentor claimed the
// ticket while it was being relayed: the history must say what was sent.
func TestRelayedAnswerIsRecordedDespiteAClaimMeanwhile(t *testing.T) {
	b, fa, store := newInterleavingBot(t)
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", unknownQ)
	fa.during = func() { fa.Say(ctx, b, "mentors", "carol", "!claim 1") }
	fa.Say(ctx, b, "mentors", "bob", "!answer 1 voilà la réponse")
	tk, err := store.Ticket(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if tk.State != tickets.Answered || tk.Answer != "voilà la réponse" || tk.Mentor.ID != "bob" {
		t.Fatalf("the relayed answer was lost: %+v", tk)
	}
	mustContain(t, "bob told", fa.Last().Text, "n° 1")
}

// Two mentors answering the same open ticket at once: the asker gets one
// answer, and the mentor whose answer was not sent is told so.
func TestConcurrentAnswersRelayOnce(t *testing.T) {
	b, fa, store := newInterleavingBot(t)
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", unknownQ)
	fa.Take()
	var carolTold string
	fa.during = func() {
		fa.Say(ctx, b, "mentors", "carol", "!answer 1 la réponse de carol")
		carolTold = fa.Last().Text
	}
	fa.Say(ctx, b, "mentors", "bob", "!answer 1 la réponse de bob")
	relays := fa.In("support")
	if len(relays) != 1 || !strings.Contains(relays[0].Text, "la réponse de bob") {
		t.Fatalf("want bob's answer relayed once, got:\n%s", bottest.Texts(relays))
	}
	mustContain(t, "carol told", carolTold, "n° 1", "bob", "pas été envoyée")
	tk, err := store.Ticket(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if tk.State != tickets.Answered || tk.Answer != "la réponse de bob" || tk.Mentor.ID != "bob" {
		t.Fatalf("ticket after the answers: %+v", tk)
	}
	// Once bob's answer is recorded, carol gets the usual refusal, and bob
	// may still add to his answer.
	fa.Say(ctx, b, "mentors", "carol", "!answer 1 encore carol")
	mustContain(t, "carol later", fa.Last().Text, "a déjà reçu une réponse de bob")
	fa.Say(ctx, b, "mentors", "bob", "!answer 1 précision de bob")
	mustContain(t, "bob's follow-up", fa.Last().Text, "transmise")
	if n := len(fa.In("support")); n != 2 {
		t.Fatalf("want bob's two answers relayed, got %d relays", n)
	}
}

// Many answers racing on goroutines (run with -race): one relay only.
func TestRacingAnswersRelayOnce(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	e.fa.Take()
	var wg sync.WaitGroup
	// mentors only: an admin may legitimately add an answer after another
	// one has gone out, which is not the race under test
	for _, m := range []string{"bob", "carol"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.fa.Say(e.ctx, e.b, "mentors", m, "!answer 1 réponse de "+m)
		}()
	}
	wg.Wait()
	if relays := e.fa.In("support"); len(relays) != 1 {
		t.Fatalf("want one relay, got %d:\n%s", len(relays), bottest.Texts(relays))
	}
	evs, _ := e.store.TicketEvents(e.ctx, 1)
	if len(evs) != 2 {
		t.Fatalf("want open and one answer in the history, got %d events", len(evs))
	}
}
