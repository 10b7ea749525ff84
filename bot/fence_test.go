package bot_test

import (
	"context"
	"errors"
	"testing"

	"codeberg.org/entraide/entraide/bot"
)

// A fenced bot (an instance that lost the leader lease) sends nothing at
// all: no reply, no announcement, nothing through Send; once the fence lets
// it, it talks again.
func TestFencedBotSendsNothing(t *testing.T) {
	b, fa := newBot(t, nil)
	lost := errors.New("lease lost")
	var fence error
	b.Fence(func() error { return fence })
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "bonjour")
	if len(fa.Take()) == 0 {
		t.Fatal("an unfenced bot must answer")
	}
	fence = lost
	fa.Say(ctx, b, "support", "alice", "bonjour")
	if _, err := b.Send(ctx, bot.Reply{Room: fa.Room("general"), Text: "annonce"}); !errors.Is(err, lost) {
		t.Errorf("Send on a fenced bot: %v, want the fence's error", err)
	}
	if sent := fa.Take(); len(sent) != 0 {
		t.Fatalf("a fenced bot sent %d messages", len(sent))
	}
	fence = nil
	if _, err := b.Send(ctx, bot.Reply{Room: fa.Room("general"), Text: "annonce"}); err != nil || len(fa.Take()) != 1 {
		t.Fatalf("the fence lifted, Send must work again: %v", err)
	}
}
