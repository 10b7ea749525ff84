package console_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/adapters/console"
	"codeberg.org/entraide/entraide/bot"
)

// A line of a megabyte used to end the console ("token too long") and
// every line after it was lost. Now it reaches the bot cut a little over
// the limit, which the bot refuses, and the next line is read as usual.
func TestLongLineDoesNotStopTheConsole(t *testing.T) {
	var out bytes.Buffer
	in := "salut\n" + strings.Repeat("a", 1<<20) + "\nencore là ?\n" + strings.Repeat("b", 3<<20)
	a := console.New(console.Options{In: strings.NewReader(in), Out: &out})
	rec := &recorder{a: a}
	if err := a.Run(context.Background(), rec); err != nil {
		t.Fatalf("the console stopped: %v", err)
	}
	if len(rec.msgs) != 4 {
		t.Fatalf("want 4 messages, got %d", len(rec.msgs))
	}
	for i, want := range []string{"salut", "", "encore là ?", ""} {
		got := rec.msgs[i].Text
		if want == "" {
			if len(got) <= bot.MaxMessageBytes || len(got) > 2*bot.MaxMessageBytes {
				t.Errorf("line %d: %d bytes reached the bot, want a little over %d", i+1, len(got), bot.MaxMessageBytes)
			}
			continue
		}
		if got != want {
			t.Errorf("line %d: got %.40q, want %q", i+1, got, want)
		}
	}
}
