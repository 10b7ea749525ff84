package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Config sets the buckets. A zero or negative rate disables that bucket.
type Config struct {
	UserPerMinute float64
	UserBurst     int
	RoomPerMinute float64
	RoomBurst     int
	// NoticeEvery is the shortest time between two notices to one user
	// (default one minute).
	NoticeEvery time.Duration
	// MaxKeys bounds the buckets kept per kind (users, rooms); default
	// 50 000. Idle buckets are dropped first.
	MaxKeys int
	// Now is the clock used by Hook (time.Now by default).
	Now func() time.Time
}

// Limiter decides, message by message, whether a user in a room may be
// served now. It is safe for concurrent use.
type Limiter struct {
	cfg   Config
	mu    sync.Mutex
	users bucketSet
	rooms bucketSet
}

// Verdict is the decision for one message.
type Verdict struct {
	Allowed bool
	// Notify is true for the first refusal of a user in a notice window:
	// the bot says once that it pauses, then stays silent.
	Notify bool
	// Room is true when the room's bucket, not the user's, refused.
	Room bool
	// Wait is how long until the refusing bucket serves a message again.
	Wait time.Duration
}

type bucket struct {
	lim     *rate.Limiter
	seen    time.Time // last message, for eviction
	noticed time.Time // last notice sent to this user
}

type bucketSet struct {
	perSec    rate.Limit
	burst     int
	idle      time.Duration // after this long unused a bucket is full again: safe to forget
	max       int
	m         map[string]*bucket
	lastSweep time.Time
}

// New makes a limiter.
func New(cfg Config) *Limiter {
	if cfg.NoticeEvery <= 0 {
		cfg.NoticeEvery = time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxKeys <= 0 {
		cfg.MaxKeys = 50_000
	}
	return &Limiter{
		cfg:   cfg,
		users: newSet(cfg.UserPerMinute, cfg.UserBurst, cfg.MaxKeys, cfg.NoticeEvery),
		rooms: newSet(cfg.RoomPerMinute, cfg.RoomBurst, cfg.MaxKeys, 0),
	}
}

func newSet(perMinute float64, burst, max int, keep time.Duration) bucketSet {
	s := bucketSet{max: max, m: map[string]*bucket{}}
	if perMinute <= 0 {
		return s // disabled: perSec stays 0
	}
	if burst < 1 {
		burst = 1
	}
	s.perSec = rate.Limit(perMinute / 60)
	s.burst = burst
	s.idle = time.Duration(float64(burst) / float64(s.perSec) * float64(time.Second))
	if s.idle < keep {
		s.idle = keep // a user's notice time must outlive the notice window
	}
	return s
}

// Allow spends one token of the user's bucket and one of the room's at time
// now, or none when either bucket refuses: a message that is not served
// costs nothing. Keys are opaque (e.g. "matrix|@bob:example.org" and
// Room.Key()).
func (l *Limiter) Allow(user, room string, now time.Time) Verdict {
	l.mu.Lock()
	defer l.mu.Unlock()
	u := l.users.get(user, now)
	if u != nil && u.lim.TokensAt(now) < 1 {
		return Verdict{Notify: l.notice(u, now), Wait: untilToken(u.lim, now)}
	}
	r := l.rooms.get(room, now)
	if r != nil && r.lim.TokensAt(now) < 1 {
		v := Verdict{Room: true, Wait: untilToken(r.lim, now)}
		if u != nil {
			v.Notify = l.notice(u, now)
		}
		return v
	}
	// Both have a token, and l.mu keeps it so until they are taken.
	if u != nil {
		u.lim.AllowN(now, 1)
	}
	if r != nil {
		r.lim.AllowN(now, 1)
	}
	return Verdict{Allowed: true}
}

// untilToken is how long until lim holds a whole token.
func untilToken(lim *rate.Limiter, now time.Time) time.Duration {
	missing := 1 - lim.TokensAt(now)
	if missing <= 0 || lim.Limit() <= 0 {
		return 0
	}
	return time.Duration(missing / float64(lim.Limit()) * float64(time.Second))
}

func (l *Limiter) notice(u *bucket, now time.Time) bool {
	if !u.noticed.IsZero() && now.Sub(u.noticed) < l.cfg.NoticeEvery {
		return false
	}
	u.noticed = now
	return true
}

// Len reports how many user and room buckets are held (for tests and
// metrics).
func (l *Limiter) Len() (users, rooms int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.users.m), len(l.rooms.m)
}

// get returns key's bucket, creating it, or nil when this kind is disabled.
func (s *bucketSet) get(key string, now time.Time) *bucket {
	if s.perSec <= 0 {
		return nil
	}
	if now.Sub(s.lastSweep) >= s.idle {
		s.sweep(now)
	}
	b, ok := s.m[key]
	if !ok {
		if len(s.m) >= s.max {
			s.sweep(now)
			s.shrink()
		}
		b = &bucket{lim: rate.NewLimiter(s.perSec, s.burst)}
		s.m[key] = b
	}
	b.seen = now
	return b
}

// sweep forgets buckets idle long enough to have refilled: recreating them
// later gives exactly the same answer, so this costs no precision.
func (s *bucketSet) sweep(now time.Time) {
	s.lastSweep = now
	for k, b := range s.m {
		if now.Sub(b.seen) >= s.idle {
			delete(s.m, k)
		}
	}
}

// shrink makes room when more distinct keys than max are active at once
// (a flood of fresh accounts): it drops a tenth of the buckets, arbitrary
// ones, so memory stays bounded whatever the traffic.
func (s *bucketSet) shrink() {
	drop := len(s.m) - s.max + 1 + s.max/10
	for k := range s.m {
		if drop <= 0 {
			return
		}
		delete(s.m, k)
		drop--
	}
}
