package bot_test

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
)

func TestSendDirectNeedsAnAdapterThatCanOpenADirectRoom(t *testing.T) {
	b := bot.New(bot.Options{})
	fa := bottest.New("fake")
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	err := b.SendDirect(context.Background(), "fake", "bob", "code")
	if err == nil || !strings.Contains(err.Error(), "cannot send direct messages") {
		t.Fatalf("got %v, want a refusal naming the missing ability", err)
	}
	if len(fa.Sent()) != 0 {
		t.Fatalf("nothing may be sent: %v", fa.Sent())
	}
}
