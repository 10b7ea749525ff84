package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// "entraide db backup" copies the database a demo session wrote, into a
// file that opens with every ticket; it refuses to overwrite, to invent a
// database that does not exist, and sends Postgres users to pg_dump.
func TestDBBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if _, errs, code := runCLI(t, "vous avez une instance jitsi ?\n", "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	backup := filepath.Join(dir, "sauvegarde.db")
	out, errs, code := runCLI(t, "", "db", "backup", "--db", db, backup)
	if code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: exit %d: %s%s", code, out, errs)
	}
	copyDB, err := sqlite.Open(context.Background(), backup)
	if err != nil {
		t.Fatal(err)
	}
	got, err := sqlite.NewTicketStore(copyDB).Tickets(context.Background(), tickets.Filter{})
	copyDB.Close()
	if err != nil || len(got) != 1 || !strings.Contains(got[0].Question, "jitsi") {
		t.Fatalf("the backup holds %d tickets (%v), want the demo's one", len(got), err)
	}

	_, errs, code = runCLI(t, "", "db", "backup", "--db", db, backup)
	if code != 1 || !strings.Contains(errs, "exists") {
		t.Errorf("overwriting: exit %d: %s", code, errs)
	}
	missing := filepath.Join(dir, "nope.db")
	_, errs, code = runCLI(t, "", "db", "backup", "--db", missing, filepath.Join(dir, "b2.db"))
	if _, err := os.Stat(missing); code != 1 || err == nil {
		t.Errorf("a missing database: exit %d, created: %v: %s", code, err == nil, errs)
	}
	cfg := filepath.Join(dir, "pg.toml")
	os.WriteFile(cfg, []byte("[bot]\ndatabase = \"postgres://u@127.0.0.1:1/e\"\n[console]\nenabled = true\n"), 0o600)
	_, errs, code = runCLI(t, "", "db", "backup", "--config", cfg, filepath.Join(dir, "b3.db"))
	if code != 1 || !strings.Contains(errs, "pg_dump") {
		t.Errorf("Postgres: exit %d: %s", code, errs)
	}
}
