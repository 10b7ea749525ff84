package faq

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeEntry writes one valid entry into dir.
func writeEntry(t *testing.T, dir, id string) {
	t.Helper()
	body := EntryFile("fr", "Titre "+id, "Question "+id+" ?", "", "Réponse.")
	if err := os.WriteFile(filepath.Join(dir, id+".md"), body.Data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// loadWithin runs load and fails the test if it has not returned after a
// minute (it used to block forever on a named pipe).
func loadWithin(t *testing.T, load func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- load() }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("loading blocked")
		return nil
	}
}

// A named pipe, a device or a folder called x.md is a problem naming the
// file, not something to open and wait on.
func TestLoadReadsRegularFilesOnly(t *testing.T) {
	dir := t.TempDir()
	writeEntry(t, dir, "bonne")
	if err := syscall.Mkfifo(filepath.Join(dir, "tube.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.md")); err != nil {
		t.Fatal(err)
	}
	err := loadWithin(t, func() error { _, err := LoadDir(dir); return err })
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want problems, got %v", err)
	}
	for _, name := range []string{"tube.md", "zero.md"} {
		want := filepath.Join(dir, name) + ":1: not a regular file"
		if !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in:\n%v", want, err)
		}
	}
}

// An entry file larger than any answer is refused rather than read whole.
func TestLoadRefusesHugeFile(t *testing.T) {
	dir := t.TempDir()
	writeEntry(t, dir, "bonne")
	big := EntryFile("fr", "T", "Q ?", "", strings.Repeat("a", MaxFileBytes)).Data
	if err := os.WriteFile(filepath.Join(dir, "grosse.md"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "grosse.md")+":1: file too large") {
		t.Fatalf("want a too large problem, got %v", err)
	}
}

// Loading stops when its context ends, and says so.
func TestLoadObeysCancellation(t *testing.T) {
	dir := t.TempDir()
	for _, id := range []string{"a", "b", "c"} {
		writeEntry(t, dir, id)
	}
	if _, err := LoadDirContext(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	kb, err := LoadDirContext(ctx, dir)
	if kb != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled load: got %v, %v", kb, err)
	}
}
