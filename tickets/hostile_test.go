package tickets_test

import (
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/tickets"
)

// Closing a ticket another mentor holds is the holder's to do, like
// answering or giving it back; an admin may. The asker is told when a
// mentor closes their ticket, answered or not.
func TestResolveHeldTicketAndTellTheAsker(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	e.mentor(t, "bob", "!prendre 1")
	mustContain(t, "carol resolves", e.mentor(t, "carol", "!resoudre 1"), "déjà pris par bob")
	if tk := e.ticket(t, 1); tk.State != tickets.Claimed {
		t.Fatalf("a non-holder closed the ticket: %+v", tk)
	}
	e.relays = nil
	mustContain(t, "bob resolves", e.mentor(t, "bob", "!resoudre 1"), "clos par bob")
	if len(e.relays) != 1 || e.relays[0].Room.ID != "support" || !strings.Contains(e.relays[0].Text, "ont clos votre demande (ticket n° 1)") {
		t.Fatalf("the asker was not told their ticket was closed: %s", bottest.Texts(e.relays))
	}

	e.clock.Advance(time.Hour) // alice's next words open a new ticket
	e.open(t)
	e.mentor(t, "bob", "!prendre 2")
	mustContain(t, "admin resolves", e.mentor(t, "root", "!resoudre 2"), "clos par root")
}

// An answered ticket waits for its asker: another mentor may take it to
// follow it up; giving it back says why there is nothing to give back.
func TestClaimAnsweredTicket(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	e.mentor(t, "bob", "!repondre 1 Pas de Jitsi pour l'instant.")
	mustContain(t, "unclaim answered", e.mentor(t, "bob", "!liberer 1"), "attend la personne", "!resoudre 1")
	mustContain(t, "bob claims his own", e.mentor(t, "bob", "!prendre 1"), "déjà le ticket n° 1")
	mustContain(t, "carol claims", e.mentor(t, "carol", "!prendre 1"), "Ticket n° 1 pris par carol")
	if tk := e.ticket(t, 1); tk.State != tickets.Claimed || tk.Mentor.ID != "carol" {
		t.Fatalf("ticket after carol's claim: %+v", tk)
	}
}

// « ça marche ! » closes a ticket, even unanswered; « ça marche » inside a
// question does not.
func TestWorksClosesOnlyAtTheStart(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	sent := e.say("support", "alice", "est-ce que ça marche avec windows")
	if tk := e.ticket(t, 1); tk.State != tickets.Open || len(sent) != 1 || sent[0].Room.ID != "mentors" {
		t.Fatalf("a question with « ça marche » must be relayed, not close: %s %s", tk.State, bottest.Texts(sent))
	}
	e.say("support", "alice", "ça marche !")
	if tk := e.ticket(t, 1); tk.State != tickets.Resolved {
		t.Fatalf("« ça marche ! » must close it, got %s", tk.State)
	}
}

// « j'ai trouvé un bug dans le Nuage » is a problem to hand over, not a
// problem solved.
func TestFoundABugIsNotSolved(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.say("support", "alice", "j'ai trouvé un bug dans le nuage quand je partage un dossier")
	if ts, _ := e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("want a ticket, got %d", len(ts))
	}
	e.say("support", "alice", "j'ai trouvé un autre bug")
	if tk := e.ticket(t, 1); tk.State == tickets.Resolved {
		t.Fatal("« j'ai trouvé un autre bug » closed the ticket")
	}
}
