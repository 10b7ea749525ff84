package sqlite

import (
	"context"
	"testing"
	"time"
)

// A database written before communities is upgraded in place: its tickets
// keep their numbers and history, and belong to the first community once
// adopted.
func TestUpgradeFromBeforeCommunities(t *testing.T) {
	ctx := context.Background()
	steps := migrations["tickets"]
	migrations["tickets"] = steps[:len(steps)-5] // the schema before communities
	db, path := openTemp(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, q := range []string{"q1", "q2"} {
		_, err := db.ExecContext(ctx, `INSERT INTO tickets(state, origin, adapter, room_id, asker_id, question, lang,
			created_at, updated_at) VALUES('open', 'unanswered', 'xmpp', 'a@muc', 'alice', ?, 'fr', ?, ?)`, q, now.UnixMilli(), now.UnixMilli())
		if err != nil {
			migrations["tickets"] = steps
			t.Fatal(err)
		}
	}
	db.Close()
	migrations["tickets"] = steps
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.AdoptTickets(ctx, "first"); err != nil {
		t.Fatal(err)
	}
	if tk, err := NewTicketStore(db).In("first").Ticket(ctx, 2); err != nil || tk.Question != "q2" {
		t.Fatalf("ticket #2 after the upgrade: %+v, %v", tk, err)
	}
}
