package bot_test

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
)

// discreetBot is a bot in QuestionsOnly mode whose unanswered hook records
// what would have become a ticket.
func discreetBot(t *testing.T) (*bot.Bot, *bottest.Adapter, *[]string) {
	t.Helper()
	kb := bottest.KB(t)
	b := bot.New(bot.Options{Name: "entraide", QuestionsOnly: true})
	b.SetFAQ(faq.NewMatcher(kb, faq.Options{}), kb)
	fa := bottest.New("fake")
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	var escalated []string
	b.Unanswered(func(ctx context.Context, req *bot.Request) bool {
		escalated = append(escalated, req.Msg.Text)
		return true
	})
	return b, fa, &escalated
}

func TestSharedRoomChatterIsLeftAlone(t *testing.T) {
	b, fa, escalated := discreetBot(t)
	ctx := context.Background()
	for _, text := range []string{"ok je regarde ça", "lol", "je suis d'accord avec toi", "trop bien merci à tous",
		"@alice tu viens demain ?", "alice: tu as vu le message de paul ?"} {
		fa.Say(ctx, b, "support", "carol", text)
	}
	if sent := fa.Sent(); len(sent) != 0 || len(*escalated) != 0 {
		t.Fatalf("conversation between people got replies %q or tickets %q", bottest.Texts(sent), *escalated)
	}
}

func TestSharedRoomQuestionsStillReachTheBot(t *testing.T) {
	b, fa, escalated := discreetBot(t)
	ctx := context.Background()
	fa.Say(ctx, b, "support", "carol", "combien coûte la formation ?")
	if !strings.Contains(fa.Last().Text, "30 €") {
		t.Fatalf("a FAQ question must be answered: %q", fa.Last().Text)
	}
	for _, text := range []string{"vous avez une instance jitsi ?", "je n'arrive pas à ouvrir le pad de l'AG",
		"entraide: zorglub blorf", "@entraide quel temps fait-il"} {
		fa.Say(ctx, b, "support", "dave", text)
	}
	want := []string{"vous avez une instance jitsi ?", "je n'arrive pas à ouvrir le pad de l'AG", "zorglub blorf", "quel temps fait-il"}
	if strings.Join(*escalated, "|") != strings.Join(want, "|") {
		t.Fatalf("questions and messages to the bot must be escalated:\n got %q\nwant %q", *escalated, want)
	}
}

func TestSharedRoomFollowUpsAndWelcomes(t *testing.T) {
	b, fa, escalated := discreetBot(t)
	ctx := context.Background()
	fa.Say(ctx, b, "support", "erin", "bonjour")
	fa.Say(ctx, b, "support", "erin", "bonjour")
	if n := len(fa.In("support")); n != 1 {
		t.Fatalf("a person is welcomed once in a shared room, got %d replies", n)
	}
	// Right after talking with the bot, a plain statement is a follow-up.
	fa.Say(ctx, b, "support", "erin", "et pour le logiciel zorglub")
	if len(*escalated) != 1 {
		t.Fatalf("a follow-up right after the bot's reply is for the bot: %q", *escalated)
	}
	// In a direct chat everything is for the bot.
	m := fa.Msg("dm-frank", "frank", "bof")
	m.Room.Direct = true
	b.Message(ctx, m)
	if len(*escalated) != 2 {
		t.Fatalf("a direct message is always for the bot: %q", *escalated)
	}
}
