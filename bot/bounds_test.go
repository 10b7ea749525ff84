package bot_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
)

// A message over the limit gets a short "too long" answer and nothing
// else: it is not matched, not made a ticket, and the next one is handled.
func TestTooLongMessageIsAnsweredShortly(t *testing.T) {
	b, fa := newBot(t, nil)
	ctx := context.Background()
	long := "combien coûte la formation ? " + strings.Repeat("détails ", bot.MaxMessageBytes/8)
	m := fa.Msg("dm-alice", "alice", long)
	m.Room.Direct = true
	b.Message(ctx, m)
	sent := fa.Take()
	if len(sent) != 1 || !strings.Contains(sent[0].Text, "trop long") || len(sent[0].Text) > 300 {
		t.Fatalf("want one short too-long answer, got %.300q", bottest.Texts(sent))
	}
	if !strings.Contains(sent[0].Text, "16") {
		t.Errorf("the answer should say the limit: %q", sent[0].Text)
	}
	fa.Say(ctx, b, "support", "alice", "combien coûte la formation ?")
	if r := fa.Last(); !strings.Contains(r.Text, "30 €") {
		t.Fatalf("the next question is not answered: %q", r.Text)
	}
	// In the mentors' room only commands are for the bot.
	fa.Take()
	b.Message(ctx, fa.Msg("mentors", "bob", strings.Repeat("journal ", bot.MaxMessageBytes/8+1)))
	if sent := fa.Take(); len(sent) != 0 {
		t.Fatalf("answered a mentors' long chat message: %.200q", bottest.Texts(sent))
	}
	// In English for an English command.
	b.Message(ctx, fa.Msg("support", "bob", "!help "+strings.Repeat("x", bot.MaxMessageBytes)))
	if r := fa.Last(); !strings.Contains(r.Text, "too long") {
		t.Errorf("want the English answer, got %q", r.Text)
	}
}

// A command's arguments are echoed back shortened: "!help" followed by a
// huge word used to send the word back whole.
func TestEchoedArgumentsAreShortened(t *testing.T) {
	b, fa := newBot(t, nil)
	ctx := context.Background()
	word := strings.Repeat("é", 5000)
	for _, text := range []string{"!help " + word, "!" + word} {
		fa.Say(ctx, b, "support", "alice", text)
		r := fa.Last()
		if n := utf8.RuneCountInString(r.Text); n > 200 || !strings.Contains(r.Text, "…") {
			t.Errorf("%.20q…: reply of %d runes: %.100q", text, n, r.Text)
		}
	}
}

// A message of only invisible characters is no message.
func TestInvisibleMessageIsIgnored(t *testing.T) {
	b, fa := newBot(t, nil)
	fa.Say(context.Background(), b, "support", "alice", "\u200b\u200d \u2060")
	if sent := fa.Sent(); len(sent) != 0 {
		t.Fatalf("answered an empty message: %q", bottest.Texts(sent))
	}
}
