package sqlite

import (
	"context"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/tickets"
)

func TestTicketStatsForMetrics(t *testing.T) {
	db, _ := openTemp(t)
	s := NewTicketStore(db)
	ctx := context.Background()
	t0 := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	mentor := tickets.Actor{Adapter: "fake", ID: "bob"}
	var ids []int64
	for i := range 3 {
		tk := &tickets.Ticket{Origin: tickets.OriginUnanswered, Room: bot.Room{Adapter: "fake", ID: "support"},
			Asker: bot.User{ID: "alice"}, Question: "q", Lang: "fr", Created: t0.Add(time.Duration(i) * time.Hour), Updated: t0}
		if err := s.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tk.ID)
	}
	answer := func(id int64, at time.Time) {
		t.Helper()
		_, err := s.UpdateTicket(ctx, id, tickets.Event{At: at, Kind: "answer", Actor: mentor}, func(tk *tickets.Ticket) error {
			tk.State, tk.Mentor, tk.Updated = tickets.Answered, mentor, at
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	answer(ids[0], t0.Add(5*time.Minute))
	answer(ids[0], t0.Add(50*time.Minute)) // a second answer does not change the first
	answer(ids[1], t0.Add(3*time.Hour))    // created at +1h: two hours of waiting
	counts, err := s.CountByState(ctx)
	if err != nil || counts["open"] != 1 || counts["answered"] != 2 {
		t.Fatalf("counts %v %v", counts, err)
	}
	delays, err := s.FirstAnswerDelays(ctx)
	if err != nil || len(delays) != 2 {
		t.Fatalf("delays %v %v", delays, err)
	}
	got := map[time.Duration]bool{delays[0]: true, delays[1]: true}
	if !got[5*time.Minute] || !got[2*time.Hour] {
		t.Fatalf("delays %v, want 5m and 2h", delays)
	}
}
