package tickets_test

import (
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
)

// stubMatcher returns a fixed verdict, to test a ticket opened on each decision.
type stubMatcher struct{ res faq.Result }

func (s stubMatcher) Match(string, string) faq.Result { return s.res }

// newBotWith makes a bot from o on the test KB, answering with m (the
// simple matcher when nil), and a fake adapter named "fake".
func newBotWith(t testing.TB, o bot.Options, m faq.Matcher) (*bot.Bot, *bottest.Adapter) {
	t.Helper()
	b := bot.New(o)
	kb := testKB(t)
	if m == nil {
		m = faq.NewSimpleMatcher(kb)
	}
	b.SetFAQ(m, kb)
	fa := bottest.New("fake")
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	return b, fa
}

// testKB is the FAQ of the ticket tests.
func testKB(t testing.TB) *faq.KB { return bottest.KB(t) }
