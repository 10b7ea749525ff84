package sqlite

import (
	"context"
	"sync"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/tickets"
)

// Votes racing on one answer, each on its own connection: one ticket, and
// every caller learns its number.
func TestOpenAnswerTicketOncePerAnswer(t *testing.T) {
	db, _ := openTemp(t)
	s := NewTicketStore(db)
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	room := bot.Room{Adapter: "fake", ID: "support"}
	rec := &tickets.AnswerRecord{Room: room, Asker: bot.User{ID: "alice"}, EntryID: "e", Question: "q", Lang: "fr", At: now}
	if err := s.RecordAnswer(ctx, rec); err != nil {
		t.Fatal(err)
	}
	const n = 8
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		created int
		ids     = map[int64]bool{}
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tk := &tickets.Ticket{Origin: tickets.OriginFeedback, Room: room, Asker: rec.Asker, Question: "q", Lang: "fr",
				EntryID: "e", Created: now, Updated: now}
			ok, err := s.OpenAnswerTicket(ctx, rec.ID, tk)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if ok {
				created++
			}
			ids[tk.ID] = true
		}()
	}
	wg.Wait()
	ts, err := s.Tickets(ctx, tickets.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if created != 1 || len(ts) != 1 || len(ids) != 1 || !ids[ts[0].ID] {
		t.Fatalf("created %d, stored %d tickets, callers saw ids %v", created, len(ts), ids)
	}
	if got, _ := s.AnswerBySentID(ctx, "fake", ""); got == nil || got.TicketID != ts[0].ID {
		t.Fatalf("the answer is not linked to its ticket: %+v", got)
	}
	if _, err := s.OpenAnswerTicket(ctx, rec.ID+1, &tickets.Ticket{Room: room, Question: "q", Lang: "fr"}); err == nil {
		t.Fatal("a ticket for an unknown answer must be refused")
	}
	if ts, _ := s.Tickets(ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("a refused call stored a ticket: %d tickets", len(ts))
	}
}
