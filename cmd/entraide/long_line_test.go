package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A megabyte line used to end the demo with "bufio.Scanner: token too
// long", leaving every later line unread. Now it is answered with a request
// to shorten it and the next question is answered as usual.
func TestDemoSurvivesAMegabyteLine(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	in := strings.Repeat("x", 1<<20) + "\ncombien coûte la formation ?\n"
	out, errs, code := runCLI(t, in, "demo", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	long := strings.Index(out, "trop long")
	price := strings.Index(out, "€")
	if long < 0 || price < long {
		t.Fatalf("want the too-long answer, then the price:\n%.2000s", out)
	}
	if len(out) > 64<<10 {
		t.Fatalf("the demo printed %d bytes: the long line was echoed back", len(out))
	}
}
