package ratelimit_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/ratelimit"
)

// clock is a hand-driven time source: no test here sleeps.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock               { return &clock{t: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)} }
func mentions(rs []bot.Reply, user string) (n int) {
	for _, r := range rs {
		if r.Mention != nil && r.Mention.ID == user {
			n++
		}
	}
	return n
}

func newBot(t *testing.T, cfg ratelimit.Config) (*bot.Bot, *bottest.Adapter, *ratelimit.Limiter) {
	t.Helper()
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/formation-tarifs.md": {Data: []byte("---\nlang: fr\ntitle: \"Combien coûte la formation ?\"\nquestions:\n  - \"Quel est le prix de la formation ?\"\n---\nLa formation coûte 30 €.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Options{Mentors: map[string][]string{"fake": {"bob"}}, Admins: map[string][]string{"fake": {"root"}}})
	b.SetFAQ(faq.NewMatcher(kb, faq.Options{}), kb)
	fa := bottest.New("fake")
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	l := ratelimit.New(cfg)
	b.BeforeFirst(l.Hook(nil))
	return b, fa, l
}

func TestFloodOfOneUserIsThrottledOthersServed(t *testing.T) {
	c := newClock()
	b, fa, _ := newBot(t, ratelimit.Config{UserPerMinute: 10, UserBurst: 5, RoomPerMinute: 60, RoomBurst: 20, Now: c.now})
	ctx := context.Background()
	aliceAsked := 0
	// 1 000 messages in one minute from one user, with a regular member
	// asking every 100 of them.
	for i := range 1000 {
		fa.Say(ctx, b, "support", "troll", fmt.Sprintf("combien coûte la formation %d ?", i))
		if i%100 == 50 {
			fa.Say(ctx, b, "support", "alice", "combien coûte la formation ?")
			aliceAsked++
		}
		c.add(60 * time.Millisecond)
	}
	sent := fa.Sent()
	notices, answers := 0, 0
	for _, r := range sent {
		if r.Mention == nil || r.Mention.ID != "troll" {
			continue
		}
		if isNotice(r.Text, "fr", "ratelimit.user") {
			notices++
		} else {
			answers++
		}
	}
	// burst 5 + 10 per minute refilled over the minute: at most 15 served.
	if answers < 5 || answers > 15 {
		t.Errorf("the flooding user got %d answers, want between 5 and 15", answers)
	}
	if notices != 1 {
		t.Errorf("the flooding user got %d notices in one window, want exactly 1", notices)
	}
	if got := mentions(sent, "alice"); got != aliceAsked {
		t.Errorf("alice asked %d times during the flood and got %d answers", aliceAsked, got)
	}
	for _, r := range sent {
		if r.Mention != nil && r.Mention.ID == "alice" && !strings.Contains(r.Text, "30 €") {
			t.Errorf("alice should get the FAQ answer, got %q", r.Text)
		}
	}

	// A minute later the notice window is over: a new flood gets one new notice.
	fa.Take()
	c.add(time.Minute)
	for range 30 {
		fa.Say(ctx, b, "support", "troll", "encore")
	}
	if n := strings.Count(bottest.Texts(fa.Sent()), noticeHead("fr", "ratelimit.user")); n != 1 {
		t.Errorf("second window: %d notices, want 1", n)
	}
}

func TestMentorsAndAdminsAreExempt(t *testing.T) {
	c := newClock()
	b, fa, _ := newBot(t, ratelimit.Config{UserPerMinute: 1, UserBurst: 1, RoomPerMinute: 1, RoomBurst: 1, Now: c.now})
	ctx := context.Background()
	for range 50 {
		fa.Say(ctx, b, "support", "bob", "combien coûte la formation ?")
		fa.Say(ctx, b, "support", "root", "combien coûte la formation ?")
	}
	if got := mentions(fa.Sent(), "bob"); got != 50 {
		t.Errorf("mentor bob got %d of 50 answers", got)
	}
	if got := mentions(fa.Sent(), "root"); got != 50 {
		t.Errorf("admin root got %d of 50 answers", got)
	}
}

func TestBusyRoomIsThrottledQuietRoomIsNot(t *testing.T) {
	c := newClock()
	b, fa, _ := newBot(t, ratelimit.Config{UserPerMinute: 100, UserBurst: 100, RoomPerMinute: 6, RoomBurst: 3, Now: c.now})
	ctx := context.Background()
	for i := range 20 {
		fa.Say(ctx, b, "busy", fmt.Sprintf("user%d", i), "combien coûte la formation ?")
	}
	fa.Say(ctx, b, "quiet", "alice", "combien coûte la formation ?")
	busy := fa.In("busy")
	answers, notices := 0, 0
	for _, r := range busy {
		if isNotice(r.Text, "fr", "ratelimit.room") {
			notices++
		} else {
			answers++
		}
	}
	if answers != 3 {
		t.Errorf("busy room: %d answers, want the burst of 3", answers)
	}
	if notices != 17 {
		t.Errorf("busy room: %d notices, want one per refused user (17)", notices)
	}
	if len(fa.In("quiet")) != 1 {
		t.Errorf("another room must not be affected: %s", bottest.Texts(fa.In("quiet")))
	}
}

func TestNoticeSpeaksTheRoomLanguage(t *testing.T) {
	c := newClock()
	l := ratelimit.New(ratelimit.Config{UserPerMinute: 1, UserBurst: 1, Now: c.now})
	b := bot.New(bot.Options{RoomLang: map[string]string{"fake:intl": "en"}})
	fa := bottest.New("fake")
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	b.BeforeFirst(l.Hook(nil))
	ctx := context.Background()
	fa.Say(ctx, b, "intl", "amy", "!help")
	fa.Say(ctx, b, "intl", "amy", "!help")
	if got := fa.Last().Text; !isNotice(got, "en", "ratelimit.user") {
		t.Fatalf("want the English notice, got %q", got)
	}
}

func TestMemoryIsBounded(t *testing.T) {
	l := ratelimit.New(ratelimit.Config{UserPerMinute: 10, UserBurst: 5, RoomPerMinute: 60, RoomBurst: 20, MaxKeys: 1000})
	now := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	for i := range 100_000 {
		l.Allow(fmt.Sprintf("u%d", i), fmt.Sprintf("r%d", i%5000), now)
	}
	users, rooms := l.Len()
	if users > 1000 || rooms > 1000 {
		t.Fatalf("%d user and %d room buckets held, bound is 1000", users, rooms)
	}
	// Once idle long enough to be full again, buckets are forgotten.
	later := now.Add(time.Hour)
	l.Allow("u-new", "r-new", later)
	if users, rooms = l.Len(); users != 1 || rooms != 1 {
		t.Fatalf("idle buckets kept: %d users, %d rooms", users, rooms)
	}
}

func TestForgettingAnIdleBucketChangesNothing(t *testing.T) {
	l := ratelimit.New(ratelimit.Config{UserPerMinute: 60, UserBurst: 2})
	now := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	for range 2 {
		if !l.Allow("u", "r", now).Allowed {
			t.Fatal("burst refused")
		}
	}
	if l.Allow("u", "r", now).Allowed {
		t.Fatal("third message in the same instant allowed past a burst of 2")
	}
	if !l.Allow("u", "r", now.Add(time.Second)).Allowed {
		t.Fatal("one token per second should be back after a second")
	}
}

func TestDisabledWhenRatesAreZero(t *testing.T) {
	l := ratelimit.New(ratelimit.Config{})
	now := time.Now()
	for range 1000 {
		if !l.Allow("u", "r", now).Allowed {
			t.Fatal("a zero config must not limit")
		}
	}
}

func TestNoticeFollowsTheAskersLanguageInAnUnconfiguredRoom(t *testing.T) {
	c := newClock()
	b, fa, _ := newBot(t, ratelimit.Config{UserPerMinute: 1, UserBurst: 1, Now: c.now})
	ctx := context.Background()
	fa.Say(ctx, b, "support", "amy", "how much does the training cost?")
	fa.Say(ctx, b, "support", "amy", "how much does the training cost please?")
	if got := fa.Last().Text; !isNotice(got, "en", "ratelimit.user") {
		t.Fatalf("an English asker should get the English notice, got %q", got)
	}
}

// A message the room's bucket refuses is not served, so it costs the user
// nothing: once the room has room again, the user's saved token serves them.
func TestRefusedByTheRoomCostsTheUserNothing(t *testing.T) {
	c := newClock()
	b, fa, l := newBot(t, ratelimit.Config{UserPerMinute: 1, UserBurst: 2, RoomPerMinute: 60, RoomBurst: 1, Now: c.now})
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", "combien coûte la formation ?")
	for range 5 { // the room is full: refused, three times over
		fa.Say(ctx, b, "support", "alice", "combien coûte la formation ?")
	}
	c.add(time.Second) // the room's bucket has a token again; alice's has had 1/60 of one
	fa.Take()
	fa.Say(ctx, b, "support", "alice", "combien coûte la formation ?")
	if sent := fa.Take(); len(sent) != 1 || !strings.Contains(sent[0].Text, "30 €") {
		t.Fatalf("alice's second token must still be there: %s", bottest.Texts(sent))
	}
	// The limiter alone: the same through Allow, and the user's refusal
	// leaves the room's bucket alone too.
	now := c.now()
	if v := l.Allow("u", "r2", now); !v.Allowed {
		t.Fatal("first message refused")
	}
	if v := l.Allow("u", "r2", now); v.Allowed || !v.Room {
		t.Fatalf("second message in a full room: %+v", v)
	}
	if v := l.Allow("u", "r2", now.Add(time.Second)); !v.Allowed {
		t.Fatalf("the user's token was spent by a refused message: %+v", v)
	}
	if v := l.Allow("u", "r2", now.Add(2*time.Second)); v.Allowed || v.Room {
		t.Fatalf("the user is out of tokens now: %+v", v)
	}
	if v := l.Allow("other", "r2", now.Add(2*time.Second)); !v.Allowed {
		t.Fatalf("a user's refusal spent the room's token: %+v", v)
	}
}

// noticeHead is a pause notice up to its number of seconds.
func noticeHead(lang, key string) string {
	head, _, _ := strings.Cut(bot.T(lang, key, -1), "-1")
	return head
}

func isNotice(text, lang, key string) bool { return strings.HasPrefix(text, noticeHead(lang, key)) }

// The pause notice says that what comes meanwhile is not passed on, and
// how many seconds to wait: with one message a minute, after a refusal
// 30 s into the minute, 30 s.
func TestNoticeSaysNothingIsPassedOnAndHowLongToWait(t *testing.T) {
	c := newClock()
	l := ratelimit.New(ratelimit.Config{UserPerMinute: 1, UserBurst: 1, Now: c.now})
	b := bot.New(bot.Options{})
	fa := bottest.New("fake")
	if err := b.AddAdapter(fa); err != nil {
		t.Fatal(err)
	}
	b.BeforeFirst(l.Hook(nil))
	ctx := context.Background()
	fa.Say(ctx, b, "support", "amy", "!aide")
	c.add(30 * time.Second)
	fa.Say(ctx, b, "support", "amy", "!aide")
	if got := fa.Last().Text; !strings.Contains(got, "ni ne transmets") || !strings.Contains(got, "Attendez 30 s") {
		t.Fatalf("notice: %q", got)
	}
}
