package bot_test

import (
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
)

// When the ticket cannot be stored (full disk, broken database) the asker is
// told so, in their language, rather than "a volunteer will answer" or the
// plain "don't know": nobody will see the question.
func TestTicketThatCannotBeStoredIsSaidHonestly(t *testing.T) {
	for _, c := range []struct{ q, lang string }{
		{unknownQ, "fr"},
		{"do you have a jitsi server for video calls?", "en"},
	} {
		e := newTicketEnv(t, faq.NewMatcher(testKB(t), faq.Options{}), bot.TicketOptions{})
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
