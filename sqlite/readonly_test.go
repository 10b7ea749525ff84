package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"codeberg.org/entraide/entraide/tickets"
)

// A database on a read-only file system used to be refused as "unable to
// open database file: no such file or directory". It is now called
// read-only, which is what to fix. Making a read-only file system takes a
// mount (root); elsewhere the test is skipped.
func TestReadOnlyDatabaseIsCalledSo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := syscall.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=8m"); err != nil {
		t.Skip("cannot mount a file system here:", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	path := filepath.Join(dir, "entraide.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := NewTicketStore(db).CreateTicket(context.Background(), newTicket("lisible ?")); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), path+" is read-only") || strings.Contains(err.Error(), "no such file") || !errors.Is(err, ErrReadOnly) {
		t.Fatalf("want the database called read-only, got %v", err)
	}
	// It can still be read, which the read-only commands do.
	ro, err := OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	got, err := NewTicketStore(ro).Tickets(context.Background(), tickets.Filter{})
	if err != nil || len(got) != 1 || got[0].Question != "lisible ?" {
		t.Fatalf("read-only: %d tickets, %v", len(got), err)
	}
}
