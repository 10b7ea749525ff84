package bot_test

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
)

func langBot(t *testing.T) (*bot.Bot, *bottest.Adapter) {
	t.Helper()
	b := bot.New(bot.Options{Name: "entraide", Lang: "fr", Mentors: map[string][]string{"fake": {"bob"}},
		RoomLang: map[string]string{"fake:english": "en", "fake:francais": "fr"}})
	kb := testKB(t)
	b.SetFAQ(faq.NewMatcher(kb, faq.Options{}), kb)
	fa := bottest.New("fake")
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	b.Handle(&bot.Command{Names: []string{"repondre", "answer"}, Args: "N texte", Help: "help.answer", Mentor: true,
		Run: func(context.Context, *bot.Request) error { return bot.ErrUsage }})
	return b, fa
}

// A greeting that could be either language follows the room's language.
func TestAmbiguousGreetingUsesTheRoomLanguage(t *testing.T) {
	b, fa := langBot(t)
	ctx := context.Background()
	for _, hi := range []string{"hello", "hi", "hey"} {
		fa.Say(ctx, b, "english", "alice", hi)
		if got, want := fa.Last().Text, bot.T("en", "welcome", "entraide"); got != want {
			t.Errorf("%q in an English room: got %q", hi, got)
		}
	}
	fa.Say(ctx, b, "francais", "alice", "hello")
	if got := fa.Last().Text; got != bot.T("fr", "welcome", "entraide") {
		t.Errorf("hello in a French room: got %q", got)
	}
}

// In a room without a configured language, the name a command is typed with
// says the language: !help answers in English, !aide in French. A room's
// configured language wins.
func TestCommandAliasPicksTheLanguageWhereTheRoomHasNone(t *testing.T) {
	b, fa := langBot(t)
	ctx := context.Background()
	cases := []struct{ room, text, want string }{
		{"support", "!help", bot.T("en", "help_header")},
		{"support", "!aide", bot.T("fr", "help_header")},
		{"english", "!aide", bot.T("en", "help_header")},
		{"francais", "!help", bot.T("fr", "help_header")},
		{"support", "!answer 1", bot.T("en", "not_mentor", "answer")},
	}
	for _, c := range cases {
		fa.Say(ctx, b, c.room, "alice", c.text)
		if got := fa.Last().Text; !strings.HasPrefix(got, c.want) {
			t.Errorf("%s in %s: want %q..., got %q", c.text, c.room, c.want, got)
		}
	}
	// The usage line is in one language too.
	fa.Say(ctx, b, "support", "bob", "!answer")
	if got := fa.Last().Text; got != bot.T("en", "usage", "!answer N text") {
		t.Errorf("English usage: got %q", got)
	}
	fa.Say(ctx, b, "support", "bob", "!repondre")
	if got := fa.Last().Text; got != bot.T("fr", "usage", "!repondre N texte") {
		t.Errorf("French usage: got %q", got)
	}
}

// "!help claim" explains that command instead of listing everything.
func TestHelpOnOneCommand(t *testing.T) {
	b, fa := langBot(t)
	ctx := context.Background()
	fa.Say(ctx, b, "english", "bob", "!help answer")
	if got, want := fa.Last().Text, "!answer N text — "+bot.T("en", "help.answer"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	fa.Say(ctx, b, "support", "bob", "!aide !repondre")
	if got, want := fa.Last().Text, "!repondre N texte — "+bot.T("fr", "help.answer"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	fa.Say(ctx, b, "support", "bob", "!aide nimportequoi")
	if got := fa.Last().Text; got != bot.T("fr", "unknown_cmd", "nimportequoi") {
		t.Errorf("unknown command in help: got %q", got)
	}
}
