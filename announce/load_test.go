package announce

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

// A named pipe among the announcements is reported with its name instead
// of blocking the loader (and the bot's start) forever; a cancelled load
// stops.
func TestLoadDirSkipsNothingAndNeverBlocks(t *testing.T) {
	dir := t.TempDir()
	ok := "---\nkind: service\ntitle: x\nlang: fr\nopens: 2027-03-01\nurl: https://a\n---\nb\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(ok), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDir(dir, paris); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LoadDirContext(ctx, dir, paris); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled load: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "tube.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := LoadDir(dir, paris); done <- err }()
	select {
	case err := <-done:
		if want := filepath.Join(dir, "tube.md") + ":1: not a regular file"; err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("want %q, got %v", want, err)
		}
	case <-time.After(time.Minute):
		t.Fatal("loading blocked on a named pipe")
	}
}
