package tickets_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/tickets"
)

// A ticket belongs to its holder on the holder's adapter: a mentor with the
// same id on another network is another person and may not unclaim,
// answer, or take it over.
func TestHolderIsPerAdapter(t *testing.T) {
	b, xmpp, matrix, store := newTwoNetworkBot(t, bot.Options{
		Mentors:     map[string][]string{"matrix": {"bob"}, "xmpp": {"bob"}},
		MentorsRoom: &bot.Room{Adapter: "matrix", ID: "mentors"}})
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

// An admin may answer a ticket another mentor holds (someone must be able
// to when the holder is away): the answer reaches the asker and the ticket
// is recorded as answered by the admin.
func TestAdminAnswersAHeldTicket(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	e.mentor(t, "bob", "!prendre 1")
	mustContain(t, "admin answer", e.mentor(t, "root", "!repondre 1 Pas de Jitsi pour l'instant."), "transmise")
	if len(e.relays) != 1 || !strings.Contains(e.relays[0].Text, "Pas de Jitsi pour l'instant.") {
		t.Fatalf("the admin's answer was not relayed: %s", bottest.Texts(e.relays))
	}
	if tk := e.ticket(t, 1); tk.State != tickets.Answered || tk.Mentor.ID != "root" {
		t.Fatalf("ticket after the admin's answer: %+v", tk)
	}
}

// Giving a ticket back forgets its holder, and reopening forgets both the
// holder and the resolution: nobody is shown as holding a ticket they gave
// back, and a reopened ticket has no resolution date (exports, retention).
func TestUnclaimAndReopenForgetTheHolder(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	e.mentor(t, "bob", "!prendre 1")
	e.mentor(t, "bob", "!liberer 1")
	if tk := e.ticket(t, 1); tk.State != tickets.Open || tk.Mentor != (tickets.Actor{}) {
		t.Fatalf("after unclaim: %+v", tk)
	}
	if show := e.mentor(t, "carol", "!ticket 1"); strings.Contains(show, "Mentor : ") {
		t.Fatalf("a given-back ticket still shows a holder:\n%s", show)
	}
	e.mentor(t, "carol", "!prendre 1")
	e.mentor(t, "carol", "!repondre 1 voilà")
	e.mentor(t, "carol", "!resoudre 1")
	if tk := e.ticket(t, 1); tk.Resolved.IsZero() {
		t.Fatalf("a resolved ticket without a resolution date: %+v", tk)
	}
	e.clock.Advance(time.Hour)
	e.mentor(t, "bob", "!rouvrir 1")
	if tk := e.ticket(t, 1); tk.State != tickets.Open || tk.Mentor != (tickets.Actor{}) || !tk.Resolved.IsZero() {
		t.Fatalf("after reopen: state %s, holder %+v, resolved %v", tk.State, tk.Mentor, tk.Resolved)
	}
}
