package xmpp

import (
	"fmt"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// An unknown question in the support room becomes a ticket; bob, a mentor
// known by his bare JID in the (non-anonymous) mentors' room, claims and
// answers it, and alice gets the answer in her room.
func TestTicketClaimedAndAnsweredByAMentor(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	support, mentors := srv.Room("support"), srv.Room("mentors")
	db := openStore(t)
	r := startBotWith(t, srv, db, func(o *Options) { o.Rooms = []string{support, mentors} }, func(b *bot.Bot) {
		if _, err := tickets.Enable(b, sqlite.NewTicketStore(db), tickets.Options{}); err != nil {
			t.Fatal(err)
		}
	})
	botSupport, botMentors := support+"/entraide", mentors+"/entraide"
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)
	bob := testenv.ConnectXMPP(t, srv, "bob", "bobpass")
	bob.Join(mentors)

	question := "Où se trouve la machine à café du troisième étage ?"
	alice.Say(support, question)
	if got, want := alice.Next(botSupport, wait).Body, "alice: "+bot.PlainText(bot.T("fr", "ticket.opened", 1)); got != want {
		t.Fatalf("asker told %q, want %q", got, want)
	}
	notice := bob.Next(botMentors, wait).Body
	if !strings.Contains(notice, "Ticket n° 1") || !strings.Contains(notice, question) || !strings.Contains(notice, "!prendre 1") {
		t.Fatalf("mentors' notice = %q", notice)
	}

	// A non-mentor cannot claim; the sender id in the mentors' room is
	// what makes bob a mentor.
	bob.Say(mentors, "!prendre 1")
	claimed := bob.Next(botMentors, wait).Body
	if !strings.HasPrefix(claimed, "bob: ") || !strings.Contains(claimed, bot.T("fr", "ticket.claimed_ok", 1, "bob")) {
		t.Fatalf("claim reply = %q", claimed)
	}
	if s := r.lastSender(); s.ID != srv.JID("bob") {
		t.Fatalf("bob seen as %+v, want %s", s, srv.JID("bob"))
	}

	answer := "Au deuxième étage, à côté de l'ascenseur [plan](https://etabli.example/plan)."
	bob.Say(mentors, "!repondre 1 "+answer)
	relayed := alice.Next(botSupport, wait).Body
	want := "alice: " + bot.PlainText(bot.T("fr", "ticket.relay", bot.EscapeMarkdown(answer), "bob"))
	if relayed != want {
		t.Fatalf("relayed answer = %q, want %q", relayed, want)
	}
	if got := bob.Next(botMentors, wait).Body; !strings.Contains(got, fmt.Sprintf("!resoudre %d", 1)) {
		t.Fatalf("mentor confirmation = %q", got)
	}
}
