package ratelimit_test

import (
	"testing"
	"time"

	"codeberg.org/entraide/entraide/ratelimit"
)

// A rate with a burst of 0 (left out of the config) serves one message at a
// time at that rate; it does not refuse everyone.
func TestBurstOfZeroMeansOne(t *testing.T) {
	l := ratelimit.New(ratelimit.Config{UserPerMinute: 60, RoomPerMinute: 60})
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	if !l.Allow("u", "r", at).Allowed {
		t.Fatal("first message refused")
	}
	if l.Allow("u", "r", at).Allowed {
		t.Fatal("a second message in the same instant allowed")
	}
	if !l.Allow("u", "r", at.Add(time.Second)).Allowed {
		t.Fatal("refused a second later, at one message a second")
	}
}
