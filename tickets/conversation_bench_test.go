package tickets_test

import (
	"testing"

	"codeberg.org/entraide/entraide/tickets"
)

// BenchmarkRelayFollowUp is the bot's own share of relaying an asker's
// follow-up to the mentors: finding the open ticket, recording the
// message in SQLite and sending it on (the fake adapter sends instantly).
func BenchmarkRelayFollowUp(b *testing.B) {
	e := newTicketEnv(b, nil, tickets.Options{})
	e.open(b)
	b.ResetTimer()
	for range b.N {
		e.fa.Say(e.ctx, e.b, "support", "alice", "toujours pareil de mon côté")
	}
	b.StopTimer()
	if got := len(e.fa.In("mentors")); got < b.N {
		b.Fatalf("%d relays for %d follow-ups", got, b.N)
	}
}

// BenchmarkRelayThreadReply is the same for a mentor's reply in the
// ticket's thread, relayed to the asker.
func BenchmarkRelayThreadReply(b *testing.B) {
	e := newTicketEnv(b, nil, tickets.Options{})
	e.open(b)
	notice := e.ticket(b, 1).NoticeID
	b.ResetTimer()
	for range b.N {
		m := e.fa.Msg("mentors", "bob", "Essayez encore une fois.")
		m.ThreadID = notice
		e.b.Message(e.ctx, m)
	}
	b.StopTimer()
	if got := len(e.fa.In("support")); got < b.N {
		b.Fatalf("%d relays for %d replies", got, b.N)
	}
}
