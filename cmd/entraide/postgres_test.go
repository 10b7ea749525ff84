package main

import (
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/internal/testenv"
)

// The demo and the maintenance commands work on a Postgres URL as on a
// SQLite file: a question becomes ticket #1, listed afterwards.
func TestDemoOnPostgres(t *testing.T) {
	pg := testenv.StartPostgres(t)
	url := pg.URLWithPassword(pg.NewDatabase())
	out, errs, code := runCLI(t, "mon imprimante zorglub affiche une erreur 42 ?\n", "demo", "--db", url)
	if code != 0 || !strings.Contains(out, "(ticket n° 1)") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	out, errs, code = runCLI(t, "", "tickets", "list", "--db", url)
	if code != 0 || !strings.Contains(out, "#1 ") || !strings.Contains(out, "zorglub") {
		t.Fatalf("tickets list: exit %d\n%s\n%s", code, out, errs)
	}
	_, errs, code = runCLI(t, "", "tickets", "list", "--db", pg.URL("nowhere")+"&password=s3cr3t-wrong")
	if code != 1 || strings.Contains(errs, "s3cr3t-wrong") || !strings.Contains(errs, pg.Addr) {
		t.Fatalf("a bad database: exit %d, %q; want 1 and an error naming the server only", code, errs)
	}
}
