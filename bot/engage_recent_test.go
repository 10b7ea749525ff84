package bot

import (
	"fmt"
	"testing"
	"time"
)

// recent forgets keys older than keep once it is large, sweeping at most
// once a minute (a sweep walks the whole map), and keeps the keys still
// within keep.
func TestRecentForgetsOldKeysOnly(t *testing.T) {
	var r recent
	t0 := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	keep := 10 * time.Minute
	for i := range recentSweepAt + 1 {
		r.note(fmt.Sprint("old", i), "", t0, keep)
	}
	later := t0.Add(keep + time.Second)
	r.note("new", "", later, keep)
	if len(r.at) != 1 || !r.within("new", later, keep) {
		t.Fatalf("the old keys must be swept, %d keys left", len(r.at))
	}
	for i := range recentSweepAt + 1 {
		r.note(fmt.Sprint("burst", i), "", later.Add(time.Second), keep)
	}
	r.note("x", "", later.Add(30*time.Second), keep)
	if len(r.at) != recentSweepAt+3 {
		t.Fatalf("no second sweep within a minute: want %d keys, got %d", recentSweepAt+3, len(r.at))
	}
	end := later.Add(keep + 2*time.Second)
	r.note("y", "", end, keep)
	if len(r.at) != 2 || !r.within("x", end, keep) || !r.within("y", end, keep) {
		t.Fatalf("want x and y only, got %d keys", len(r.at))
	}
}
