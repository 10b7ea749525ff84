package bottest

import (
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
)

// NewBot makes a bot from o on KB, answering with m (the simple matcher
// when nil), and a fake adapter named "fake".
func NewBot(t testing.TB, o bot.Options, m faq.Matcher) (*bot.Bot, *Adapter) {
	t.Helper()
	b := bot.New(o)
	kb := KB(t)
	if m == nil {
		m = faq.NewSimpleMatcher(kb)
	}
	b.SetFAQ(m, kb)
	fa := New("fake")
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	return b, fa
}
