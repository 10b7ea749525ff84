package tickets_test

import (
	"fmt"
	"testing"

	"codeberg.org/entraide/entraide/tickets"
)

// "!answer N" followed only by invisible characters is an answer without
// text: refused, nothing relayed, the ticket stays open.
func TestInvisibleAnswerIsRefused(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	id := e.open(t)
	e.mentor(t, "bob", fmt.Sprintf("!claim %d", id))
	for _, blank := range []string{"\u200b", "\u200b \u200d\u2060", "\u00ad\u200e\u202e"} {
		got := e.mentor(t, "bob", fmt.Sprintf("!answer %d %s", id, blank))
		mustContain(t, "blank answer", got, "!answer")
		if len(e.relays) > 0 {
			t.Fatalf("a blank answer was relayed: %q", e.relays[0].Text)
		}
		if st := e.ticket(t, id).State; st == tickets.Answered {
			t.Fatalf("ticket marked answered by %q", blank)
		}
	}
}
