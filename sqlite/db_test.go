package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func openTemp(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sub", "entraide.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func TestOpenUsesWALAndMigratesOnce(t *testing.T) {
	db, path := openTemp(t)
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal mode %q, %v", mode, err)
	}
	var v int
	if err := db.QueryRow(`SELECT version FROM schema_migrations WHERE component = 'core'`).Scan(&v); err != nil || v != len(migrations["core"]) {
		t.Fatalf("core schema at %d (%v), want %d", v, err, len(migrations["core"]))
	}
	db.Close()
	again, err := Open(context.Background(), path) // reopening must not re-run steps
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

func TestStateAndDedupSurviveReopen(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	if err := db.Put(ctx, "matrix", "next_batch", "s1"); err != nil {
		t.Fatal(err)
	}
	if err := db.Put(ctx, "matrix", "next_batch", "s2"); err != nil {
		t.Fatal(err)
	}
	if first, err := db.FirstSeen(ctx, "matrix", "$ev1"); err != nil || !first {
		t.Fatalf("first sight: %v %v", first, err)
	}
	if first, _ := db.FirstSeen(ctx, "matrix", "$ev1"); first {
		t.Fatal("second sight of the same event must not be new")
	}
	if first, _ := db.FirstSeen(ctx, "xmpp", "$ev1"); !first {
		t.Fatal("dedup is per adapter")
	}
	db.Close()
	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	v, ok, err := db2.Get(ctx, "matrix", "next_batch")
	if err != nil || !ok || v != "s2" {
		t.Fatalf("got %q %v %v", v, ok, err)
	}
	if _, ok, _ := db2.Get(ctx, "matrix", "nope"); ok {
		t.Fatal("unset key reported as set")
	}
	if first, _ := db2.FirstSeen(ctx, "matrix", "$ev1"); first {
		t.Fatal("dedup lost on reopen")
	}
}

func TestOpenRefusesGarbageWithoutTouchingIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notadb.db")
	garbage := []byte(strings.Repeat("this is not sqlite\n", 400))
	if err := os.WriteFile(path, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("want an error naming the file, got %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(garbage) {
		t.Fatal("a damaged file must be left untouched")
	}
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	db, path := openTemp(t)
	if _, err := db.Exec(`UPDATE schema_migrations SET version = 999 WHERE component = 'core'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "newer than this program") {
		t.Fatalf("want a version error, got %v", err)
	}
}
