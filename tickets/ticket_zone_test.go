package tickets_test

import (
	"testing"
	"time"

	"codeberg.org/entraide/entraide/tickets"
)

// Dates in !ticket are in the configured zone, not the server's: mentors in
// Paris read 10:00 for a question asked at 09:00 UTC in March.
func TestTicketDatesUseTheConfiguredZone(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	for _, c := range []struct {
		loc  *time.Location
		want string
	}{{paris, "2026-03-02 10:00"}, {tokyo, "2026-03-02 18:00"}} {
		e := newTicketEnv(t, nil, tickets.Options{Location: c.loc})
		e.open(t) // the clock says 09:00 UTC
		show := e.mentor(t, "bob", "!ticket 1")
		mustContain(t, c.loc.String(), show, "ouvert le "+c.want, "- "+c.want+" ouvert")
	}
}
