package bot_test

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
)

func TestBeforeFirstRunsAheadOfEarlierBeforeHooks(t *testing.T) {
	b, fa := newBot(t, nil)
	var order []string
	hook := func(name string) bot.Hook {
		return func(context.Context, *bot.Request) bool { order = append(order, name); return false }
	}
	b.Before(hook("feedback"))
	b.BeforeFirst(hook("limit"))
	b.Before(hook("other"))
	b.BeforeFirst(hook("limit2"))
	fa.Say(context.Background(), b, "support", "alice", "bonjour")
	if got := strings.Join(order, ","); got != "limit,limit2,feedback,other" {
		t.Fatalf("hook order %s", got)
	}
}
