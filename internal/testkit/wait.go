package testkit

import (
	"testing"
	"time"
)

// WaitUntil polls cond until it holds and fails the test after timeout.
// The timeout only bounds a failing test; it is not a speed requirement.
func WaitUntil(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	if !Poll(timeout, cond) {
		t.Fatalf("timed out after %s waiting for: %s", timeout, what)
	}
}

// Poll checks cond every 10 ms until it holds (true) or timeout has passed
// (false).
func Poll(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}
