package tickets_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// votingMeanwhile is a ticket store that runs a hook once, right after a
// vote is recorded: another vote then arrives while the first one has read
// the answer but not yet opened its ticket.
type votingMeanwhile struct {
	*sqlite.TicketStore
	after func()
}

func (s *votingMeanwhile) AddFeedback(ctx context.Context, f tickets.Feedback) error {
	err := s.TicketStore.AddFeedback(ctx, f)
	if hook := s.after; hook != nil {
		s.after = nil
		hook()
	}
	return err
}

// answeredWithVotingStore is a ticket bot on a votingMeanwhile store that
// has just answered alice's knownQ; it returns the answer's message id.
func answeredWithVotingStore(t *testing.T) (*bot.Bot, *bottest.Adapter, *votingMeanwhile, string) {
	t.Helper()
	b, fa := newTicketBot(t, nil)
	store := &votingMeanwhile{TicketStore: sqlite.NewTicketStore(openTestDB(t, filepath.Join(t.TempDir(), "t.db")))}
	if _, err := tickets.Enable(b, store, tickets.Options{Clock: newTicketClock()}); err != nil {
		t.Fatal(err)
	}
	fa.Say(context.Background(), b, "support", "alice", knownQ)
	ids := fa.SentIDs()
	fa.Take()
	return b, fa, store, ids[len(ids)-1]
}

// Two 👎 from the asker on the same answer at the same moment open one
// ticket, and the asker hears about it once.
func TestSimultaneousThumbsDownOpenOneTicket(t *testing.T) {
	b, fa, store, answerID := answeredWithVotingStore(t)
	ctx := context.Background()
	react := func(id string) {
		b.Reaction(ctx, bot.Reaction{ID: id, Room: fa.Room("support"), Sender: bot.User{ID: "alice"}, TargetID: answerID, Key: "👎"})
	}
	store.after = func() { react("r2") }
	react("r1")
	if ts, _ := store.Tickets(ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("want one ticket for one answer, got %d", len(ts))
	}
	if told := fa.In("support"); len(told) != 1 {
		t.Fatalf("want the asker told once, got:\n%s", bottest.Texts(told))
	}
	if notices := fa.In("mentors"); len(notices) != 1 {
		t.Fatalf("want one notice to the mentors, got:\n%s", bottest.Texts(notices))
	}
}

// "non" written while the 👎 is being handled: still one ticket, and the
// words get the number of the ticket already open.
func TestThumbsDownAndWordsAtOnceOpenOneTicket(t *testing.T) {
	b, fa, store, answerID := answeredWithVotingStore(t)
	ctx := context.Background()
	store.after = func() {
		b.Reaction(ctx, bot.Reaction{ID: "r1", Room: fa.Room("support"), Sender: bot.User{ID: "alice"}, TargetID: answerID, Key: "👎"})
	}
	fa.Say(ctx, b, "support", "alice", "non")
	if ts, _ := store.Tickets(ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("want one ticket for one answer, got %d", len(ts))
	}
	told := fa.In("support")
	if len(told) != 2 {
		t.Fatalf("want the ticket announced, then the words answered, got:\n%s", bottest.Texts(told))
	}
	mustContain(t, "reaction", told[0].Text, "ticket n° 1")
	mustContain(t, "words", told[1].Text, "n° 1")
}

// Many 👎 racing on goroutines (run with -race): one ticket.
func TestRacingThumbsDownOpenOneTicket(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.fa.Say(e.ctx, e.b, "support", "alice", knownQ)
	ids := e.fa.SentIDs()
	answerID := ids[len(ids)-1]
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.b.Reaction(e.ctx, bot.Reaction{ID: "r" + string(rune('a'+i)), Room: e.fa.Room("support"),
				Sender: bot.User{ID: "alice"}, TargetID: answerID, Key: "👎"})
		}()
	}
	wg.Wait()
	if ts, _ := e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("want one ticket, got %d", len(ts))
	}
}
