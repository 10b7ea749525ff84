package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"codeberg.org/entraide/entraide/bot"
)

// TestJournalAcrossReopen: an event begun and not finished is reported as
// unfinished by the next process, one finished is done, one seen through
// FirstSeen is done, and adapters do not see each other's events.
func TestJournalAcrossReopen(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	begin := func(db *DB, adapter, ev string) bot.Progress {
		t.Helper()
		p, err := db.Begin(ctx, adapter, ev, "!room")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, ev := range []string{"$a", "$b", "$c"} {
		if p := begin(db, "matrix", ev); p != bot.ProgressNew {
			t.Fatalf("first Begin of %s: %d, want new", ev, p)
		}
	}
	if err := db.Finish(ctx, "matrix", "$b"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FirstSeen(ctx, "matrix", "$reaction"); err != nil {
		t.Fatal(err)
	}
	db.Close() // as a crash would leave it: $a and $c in progress

	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	un, err := db2.Unfinished(ctx, "matrix")
	if err != nil {
		t.Fatal(err)
	}
	want := []bot.UnfinishedEvent{{EventID: "$a", Room: "!room"}, {EventID: "$c", Room: "!room"}}
	if !slices.Equal(un, want) {
		t.Errorf("unfinished after reopening: %v, want %v", un, want)
	}
	for ev, want := range map[string]bot.Progress{"$a": bot.ProgressUnfinished, "$b": bot.ProgressDone, "$reaction": bot.ProgressDone} {
		if p := begin(db2, "matrix", ev); p != want {
			t.Errorf("Begin of %s after reopening: %d, want %d", ev, p, want)
		}
	}
	if first, _ := db2.FirstSeen(ctx, "matrix", "$c"); first {
		t.Error("FirstSeen says an event begun earlier is new")
	}
	if p := begin(db2, "xmpp", "$a"); p != bot.ProgressNew {
		t.Errorf("another adapter's event: %d, want new", p)
	}
	if un, _ := db2.Unfinished(ctx, "other"); len(un) != 0 {
		t.Errorf("an adapter with no events has unfinished ones: %v", un)
	}
}

// TestJournalAfterPurge: an in-progress record whose handled row was purged
// does not block the event from being begun again.
func TestJournalAfterPurge(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	if _, err := db.Begin(ctx, "matrix", "$old", "!room"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM handled`); err != nil {
		t.Fatal(err)
	}
	if p, err := db.Begin(ctx, "matrix", "$old", "!other"); err != nil || p != bot.ProgressNew {
		t.Fatalf("Begin after the purge: %d, %v; want new", p, err)
	}
	if un, _ := db.Unfinished(ctx, "matrix"); len(un) != 1 || un[0].Room != "!other" {
		t.Errorf("unfinished: %v, want the new record only", un)
	}
}

// BenchmarkJournal compares the cost per message of the at-most-once record
// (FirstSeen) with the in-progress one (Begin, then Finish after the answer).
func BenchmarkJournal(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.Run("FirstSeen", func(b *testing.B) {
		for i := range b.N {
			if _, err := db.FirstSeen(ctx, "matrix", fmt.Sprintf("$fs%d", i)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Begin", func(b *testing.B) {
		for i := range b.N {
			if _, err := db.Begin(ctx, "matrix", fmt.Sprintf("$b%d", i), "!room"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Begin+Finish", func(b *testing.B) {
		for i := range b.N {
			ev := fmt.Sprintf("$bf%d", i)
			if _, err := db.Begin(ctx, "matrix", ev, "!room"); err != nil {
				b.Fatal(err)
			}
			if err := db.Finish(ctx, "matrix", ev); err != nil {
				b.Fatal(err)
			}
		}
	})
}
