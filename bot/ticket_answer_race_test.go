package bot_test

import (
	"context"
	"path/filepath"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/sqlite"
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

// An answer the asker got is recorded even if another mentor claimed the
// ticket while it was being relayed: the history must say what was sent.
func TestRelayedAnswerIsRecordedDespiteAClaimMeanwhile(t *testing.T) {
	b := bot.New(bot.Options{Mentors: map[string][]string{"fake": {"bob", "carol"}},
		MentorsRoom: &bot.Room{Adapter: "fake", ID: "mentors"}})
	kb := testKB(t)
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	fa := &interleaving{Adapter: bottest.New("fake")}
	b.AddAdapter(fa)
	store := sqlite.NewTicketStore(openTestDB(t, filepath.Join(t.TempDir(), "t.db")))
	if _, err := bot.EnableTickets(b, store, bot.TicketOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", unknownQ)
	fa.during = func() { fa.Say(ctx, b, "mentors", "carol", "!claim 1") }
	fa.Say(ctx, b, "mentors", "bob", "!answer 1 voilà la réponse")
	tk, err := store.Ticket(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if tk.State != bot.TicketAnswered || tk.Answer != "voilà la réponse" || tk.Mentor.ID != "bob" {
		t.Fatalf("the relayed answer was lost: %+v", tk)
	}
	mustContain(t, "bob told", fa.Last().Text, "n° 1")
}
