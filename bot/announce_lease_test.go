package bot_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
)

// deadlineAdapter records how long each Send was given.
type deadlineAdapter struct {
	*bottest.Adapter
	budgets []time.Duration // time left before the send's deadline, -1 for none
}

func (a *deadlineAdapter) Send(ctx context.Context, r bot.Reply) (string, error) {
	budget := time.Duration(-1)
	if d, ok := ctx.Deadline(); ok {
		budget = time.Until(d)
	}
	a.budgets = append(a.budgets, budget)
	return a.Adapter.Send(ctx, r)
}

// A post is sent under a deadline well inside the claim's lease: a send
// still hanging when the lease runs out would let a second bot on the same
// database claim the post and send it again.
func TestAnnounceSendEndsBeforeTheLease(t *testing.T) {
	const lease = 4 * time.Minute
	clock := bottest.NewClock(annStart.Add(-14 * annDay))
	db := openTestDB(t, filepath.Join(t.TempDir(), "lease.db"))
	b := bot.New(bot.Options{})
	fake := &deadlineAdapter{Adapter: bottest.New("fake")}
	if err := b.AddAdapter(fake); err != nil {
		t.Fatal(err)
	}
	a := bot.NewAnnouncer(b, []*announce.Announcement{annTraining("t", annStart)}, bot.AnnouncerOptions{
		Schedule: announce.Schedule{Offsets: []time.Duration{14 * annDay}, Location: annParis, Lease: lease,
			Rooms: []announce.Room{{Adapter: "fake", ID: "general"}}},
		Store: db, Clock: clock,
	})
	if n, err := a.Tick(context.Background()); err != nil || n != 1 {
		t.Fatalf("tick: %d posts, %v; want 1", n, err)
	}
	if len(fake.budgets) != 1 {
		t.Fatalf("%d sends, want 1", len(fake.budgets))
	}
	if got := fake.budgets[0]; got < 0 || got > lease/2 {
		t.Fatalf("the send had %v before its deadline (-1: none), want at most half the %v lease", got, lease)
	}
}
