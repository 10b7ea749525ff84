package tickets_test

import (
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/tickets"
)

// When the ticket cannot be stored (full disk, broken database) the asker is
// told so, in their language, rather than "a volunteer will answer" or the
// plain "don't know": nobody will see the question.
func TestTicketThatCannotBeStoredIsSaidHonestly(t *testing.T) {
	for _, c := range []struct{ q, lang string }{
		{unknownQ, "fr"},
		{"do you have a jitsi server for video calls?", "en"},
	} {
		e := newTicketEnv(t, faq.NewMatcher(testKB(t), faq.Options{}), tickets.Options{})
		e.db.Close() // every write now fails
		sent := e.say("support", "alice", c.q)
		if len(sent) != 1 {
			t.Fatalf("%s: want one reply to the asker, got:\n%s", c.lang, bottest.Texts(sent))
		}
		want := bot.T(c.lang, "ticket.not_recorded")
		if sent[0].Text != want || sent[0].Mention == nil || sent[0].Mention.ID != "alice" {
			t.Fatalf("%s: want %q mentioning alice, got %+v", c.lang, want, sent[0])
		}
	}
}

// A message without a single letter ("!", "2" with no list pending, "???")
// gives the mentors nothing to work on: no ticket, the plain "don't know".
func TestNoTicketForAMessageWithoutWords(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	for _, q := range []string{"!", "2", "???", "👍👍"} {
		sent := e.say("support", "alice", q)
		if len(sent) != 1 || sent[0].Text != bot.T("fr", "dont_know") {
			t.Errorf("%q: want only the plain don't-know, got:\n%s", q, bottest.Texts(sent))
		}
	}
	if ts, _ := e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 0 {
		t.Fatalf("tickets opened: %d", len(ts))
	}
}
