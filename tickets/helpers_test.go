package tickets_test

import (
	"testing"

	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
)

// stubMatcher returns a fixed verdict, to test a ticket opened on each decision.
type stubMatcher struct{ res faq.Result }

func (s stubMatcher) Match(string, string) faq.Result { return s.res }

// testKB is the FAQ of the ticket tests.
func testKB(t testing.TB) *faq.KB { return bottest.KB(t) }
