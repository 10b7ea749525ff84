package storage_test

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/storage"
)

// The password works from the URL or given apart; errors name the server,
// never the password.
func TestOpenPostgresPasswordNeverInErrors(t *testing.T) {
	ctx := context.Background()
	pg := testenv.StartPostgres(t)
	name := pg.NewDatabase()
	s, err := storage.Open(ctx, pg.URLWithPassword(name), "")
	if err != nil {
		t.Fatal(err)
	}
	if w := s.Where(); strings.Contains(w, pg.Password) || !strings.Contains(w, pg.Addr) || !strings.HasSuffix(w, "/"+name) {
		t.Fatalf("Where() = %q", w)
	}
	s.Close()

	_, err = storage.Open(ctx, pg.URL(name), "not-the-password-42")
	if err == nil || strings.Contains(err.Error(), "not-the-password-42") || !strings.Contains(err.Error(), pg.Addr) {
		t.Fatalf("a wrong password: %v; want an error naming the server, not the password", err)
	}
	_, err = storage.Open(ctx, "postgres://entraide:hunter2@[::1/db", "")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("a malformed URL: %v; want an error without the password", err)
	}
	// a second open finds the schema in place
	s, err = storage.Open(ctx, pg.URL(name), pg.Password)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}
