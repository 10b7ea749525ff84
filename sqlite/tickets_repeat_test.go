package sqlite

import (
	"context"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/tickets"
)

// The same message handled again (an adapter resuming after a crash) gets
// back its ticket; a message that only shares the id (some adapters' ids
// restart with the process) is a new question from whoever asked it, and
// gets a ticket of its own.
func TestCreateTicketRecognisesOnlyTheSameMessage(t *testing.T) {
	db, _ := openTemp(t)
	s := NewTicketStore(db)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	room := bot.Room{Adapter: "console", ID: "support"}
	ask := func(asker, msgID, question string) *tickets.Ticket {
		t.Helper()
		tk := &tickets.Ticket{Origin: tickets.OriginUnanswered, Room: room, Asker: bot.User{ID: asker}, MsgID: msgID,
			Question: question, Lang: "fr", Created: now, Updated: now}
		if err := s.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
		return tk
	}
	first := ask("alice", "m1", "vous avez un jitsi ?")
	if first.Repeat {
		t.Fatal("a first question marked as a repeat")
	}
	if again := ask("alice", "m1", "vous avez un jitsi ?"); !again.Repeat || again.ID != first.ID {
		t.Fatalf("the same message again: ticket %d repeat=%v, want %d repeat=true", again.ID, again.Repeat, first.ID)
	}
	for _, c := range []struct{ asker, question string }{
		{"alice", "et un mumble ?"},     // same id, other words: the ids restarted
		{"bob", "vous avez un jitsi ?"}, // same id and words, someone else
	} {
		tk := ask(c.asker, "m1", c.question)
		if tk.Repeat || tk.ID == first.ID {
			t.Errorf("%s asking %q under a reused id got ticket %d (repeat=%v), want a new one", c.asker, c.question, tk.ID, tk.Repeat)
		}
	}
	if ts, err := s.Tickets(ctx, tickets.Filter{}); err != nil || len(ts) != 3 {
		t.Fatalf("%d tickets stored (%v), want 3", len(ts), err)
	}
}
