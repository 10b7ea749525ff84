package bot_test

import (
	"context"
	"strings"
	"testing"
)

// Words typed after "!" come back in error replies; they must not turn into
// links, emphasis or HTML there.
func TestCommandErrorsEscapeWhatWasTyped(t *testing.T) {
	ctx := context.Background()
	b, fa := newBot(t, nil)
	fa.Say(ctx, b, "support", "alice", "!**gras**")
	if got := fa.Last().Text; !strings.Contains(got, `!\*\*gras\*\*`) {
		t.Fatalf("unknown command name not escaped: %q", got)
	}
	fa.Say(ctx, b, "support", "alice", "!aide [x](http://evil.example)")
	if got := fa.Last().Text; !strings.Contains(got, `!\[x\](http://evil.example)`) {
		t.Fatalf("!aide argument not escaped: %q", got)
	}
}
