package tickets_test

import (
	"testing"

	"codeberg.org/entraide/entraide/tickets"
)

// Words typed after a ticket command come back in error replies; they must
// not turn into links, emphasis or HTML there.
func TestTicketArgumentErrorsEscapeWhatWasTyped(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	mustContain(t, "bad number", e.mentor(t, "bob", "!claim <b>x</b>"), `« \<b\>x\</b\> »`)
	mustContain(t, "extra args", e.mentor(t, "bob", "!claim 1 _souligné_"), `Argument en trop : \_souligné\_`)
	mustContain(t, "tickets args", e.mentor(t, "bob", "!tickets *tous*"), `Argument en trop : \*tous\*`)
}
