package main

import (
	"context"
	"testing"

	"codeberg.org/entraide/entraide/sqlite"
)

// The running bot purges handled-event records older than the retention,
// so the dedup table does not grow for ever.
func TestRunningBotPurgesOldHandledEvents(t *testing.T) {
	cfg, _ := opsConfig(t)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, cfg.Bot.Database)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"$old", "$recent"} {
		if _, err := db.FirstSeen(ctx, "matrix", id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`UPDATE handled SET at = datetime('now', '-31 days') WHERE event_id = '$old'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	l := startApp(t, cfg)
	sqldb, _ := l.db.SQL()
	count := func(id string) int {
		var n int
		if err := sqldb.QueryRow(`SELECT count(*) FROM handled WHERE event_id = ?`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	waitFor(t, "the old record purged", func() bool { return count("$old") == 0 }, l)
	if count("$recent") != 1 {
		t.Fatal("a recent record must be kept")
	}
}
