package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
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
	db.Close()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), path+" is read-only") || strings.Contains(err.Error(), "no such file") {
		t.Fatalf("want the database called read-only, got %v", err)
	}
}
