package sqlite

import (
	"context"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

func TestPurgeHandledDropsOnlyOldRecords(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, id := range []string{"$old", "$recent"} {
		if _, err := db.FirstSeen(ctx, "matrix", id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`UPDATE handled SET at = datetime('now', '-40 days') WHERE event_id = '$old'`); err != nil {
		t.Fatal(err)
	}
	n, err := db.PurgeHandled(ctx, time.Now().Add(-bot.HandledRetention))
	if err != nil || n != 1 {
		t.Fatalf("purged %d, %v; want 1", n, err)
	}
	if first, _ := db.FirstSeen(ctx, "matrix", "$recent"); first {
		t.Fatal("a recent record must survive the purge")
	}
	if first, _ := db.FirstSeen(ctx, "matrix", "$old"); !first {
		t.Fatal("the old record must be gone")
	}
}
