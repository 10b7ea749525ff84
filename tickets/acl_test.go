package tickets_test

import (
	"context"
	"path/filepath"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// A ticket belongs to its holder on the holder's adapter: a mentor with the
// same id on another network is another person and may not unclaim,
// answer, or take it over.
func TestHolderIsPerAdapter(t *testing.T) {
	b := bot.New(bot.Options{
		Mentors:     map[string][]string{"matrix": {"bob"}, "xmpp": {"bob"}},
		MentorsRoom: &bot.Room{Adapter: "matrix", ID: "mentors"}})
	kb := testKB(t)
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	matrix, xmpp := bottest.New("matrix"), bottest.New("xmpp")
	b.AddAdapter(matrix)
	b.AddAdapter(xmpp)
	store := sqlite.NewTicketStore(openTestDB(t, filepath.Join(t.TempDir(), "t.db")))
	if _, err := tickets.Enable(b, store, tickets.Options{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	matrix.Say(ctx, b, "support", "alice", unknownQ)
	matrix.Say(ctx, b, "mentors", "bob", "!claim 1")
	mustContain(t, "claim", matrix.Last().Text, "Ticket n° 1 pris par bob")
	matrix.Take()

	for _, cmd := range []string{"!liberer 1", "!repondre 1 autre chose", "!prendre 1"} {
		xmpp.Say(ctx, b, "dm-bob", "bob", cmd)
		mustContain(t, "xmpp bob: "+cmd, xmpp.Last().Text, "déjà pris par bob")
	}
	if sent := matrix.Take(); len(sent) != 0 {
		t.Fatalf("a refused command reached Matrix (an answer relayed to the asker?): %s", bottest.Texts(sent))
	}
	tk, err := store.Ticket(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if tk.State != tickets.Claimed || tk.Mentor.Adapter != "matrix" || tk.Mentor.ID != "bob" {
		t.Fatalf("the ticket changed hands: %+v", tk)
	}
	// the holder still has it
	matrix.Say(ctx, b, "mentors", "bob", "!claim 1")
	mustContain(t, "holder", matrix.Last().Text, "Vous avez déjà le ticket n° 1")
}
