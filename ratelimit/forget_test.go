package ratelimit_test

import (
	"testing"
	"time"

	"codeberg.org/entraide/entraide/ratelimit"
)

// A bucket is forgotten only once it has had time to refill completely: a
// user who sent a burst and comes back before that has only what refilled
// meanwhile, whether or not other traffic made the limiter sweep its idle
// buckets in between.
func TestBucketIsNotForgottenBeforeItRefills(t *testing.T) {
	// one token a second, burst 10: a bucket is full again after 10 s
	l := ratelimit.New(ratelimit.Config{RoomPerMinute: 60, RoomBurst: 10})
	t0 := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	l.Allow("", "other", t0) // starts the limiter's sweep cycle
	at := t0.Add(time.Second)
	for i := range 10 {
		if !l.Allow("", "busy", at).Allowed {
			t.Fatalf("message %d of the burst refused", i+1)
		}
	}
	// 9 s later: a sweep is due (10 s since the last), the busy room has 9 tokens
	at = at.Add(9 * time.Second)
	allowed := 0
	for range 10 {
		if l.Allow("", "busy", at).Allowed {
			allowed++
		}
	}
	if allowed != 9 {
		t.Fatalf("%d of 10 messages allowed 9 s after a burst at one token a second, want 9", allowed)
	}
}

// One pause notice per user per notice window: a user quiet for longer than
// it takes their bucket to refill, then flooding again within the window,
// gets no second notice.
func TestOnePauseNoticePerWindow(t *testing.T) {
	// one token a second, burst 3: the bucket refills in 3 s, the notice
	// window is a minute
	l := ratelimit.New(ratelimit.Config{UserPerMinute: 60, UserBurst: 3, NoticeEvery: time.Minute})
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	flood := func() (notices int) {
		for range 6 {
			if v := l.Allow("troll", "r", at); v.Notify {
				notices++
			}
		}
		return notices
	}
	if n := flood(); n != 1 {
		t.Fatalf("first flood: %d notices, want 1", n)
	}
	at = at.Add(5 * time.Second)
	if n := flood(); n != 0 {
		t.Fatalf("second flood 5 s later, within the minute: %d notices, want 0", n)
	}
	at = at.Add(time.Minute)
	if n := flood(); n != 1 {
		t.Fatalf("flood after the window: %d notices, want 1", n)
	}
}
