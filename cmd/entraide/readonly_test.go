package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The read-only commands read a database on a read-only disk (a copy, a
// mounted backup) instead of failing with "no such file or directory";
// the bot itself refuses it, calling it read-only. Making a read-only file
// system takes a mount (root); elsewhere the test is skipped.
func TestReadOnlyCopyCanBeRead(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := syscall.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=16m"); err != nil {
		t.Skip("cannot mount a file system here:", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	db := filepath.Join(dir, "demo.db")
	if _, errs, code := runCLI(t, "vous avez une instance jitsi ?\n", "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"tickets", "list", "--db", db}, {"tickets", "show", "1", "--db", db}, {"report", "--db", db}} {
		out, errs, code := runCLI(t, "", args...)
		if code != 0 || (args[0] == "tickets" && !strings.Contains(out, "jitsi")) {
			t.Errorf("%v on a read-only copy: exit %d\n%s%s", args, code, out, errs)
		}
	}
	_, errs, code := runCLI(t, "", "demo", "--db", db)
	if code != 1 || !strings.Contains(errs, db+" is read-only") {
		t.Errorf("the bot on a read-only database: exit %d: %s", code, errs)
	}
}
