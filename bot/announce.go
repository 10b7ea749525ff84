package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"codeberg.org/entraide/entraide/announce"
)

// AnnouncerOptions configure the announcement poster.
type AnnouncerOptions struct {
	Schedule announce.Schedule
	Store    AnnounceStore
	Clock    Clock         // SystemClock when nil
	Every    time.Duration // how often to look for due posts (default 1 minute)
	Recent   time.Duration // !services lists services opened this recently (default 30 days)
	Owner    string        // names this poster in claims (random when empty)
}

// Announcer posts trainings and service openings on schedule and answers
// !formations and !services.
//
// Delivery is "claim, then send": each post is inserted in the store before
// it is sent, under a unique slot, so restarts, clock jumps and two bots
// sharing a database never post it twice. If the send fails the claim is
// dropped and the next round retries. If the process dies between claim
// and confirmation, the claim expires after Schedule.Lease and the post is
// made again when still relevant: we prefer a rare duplicate after a crash
// in the middle of a send to a training nobody heard of. A send is given at
// most half the lease, so a slow network never lets a second bot take over
// a claim whose send is still under way.
type Announcer struct {
	b    *Bot
	opts AnnouncerOptions
	anns atomic.Pointer[[]*announce.Announcement]

	mu      sync.Mutex // one round at a time
	warned  map[string]bool
	roundMu sync.Mutex
}

// NewAnnouncer makes an announcer over anns; it does nothing until
// Register or Tick.
func NewAnnouncer(b *Bot, anns []*announce.Announcement, o AnnouncerOptions) *Announcer {
	if o.Clock == nil {
		o.Clock = SystemClock{}
	}
	if o.Every <= 0 {
		o.Every = time.Minute
	}
	if o.Recent <= 0 {
		o.Recent = 30 * 24 * time.Hour
	}
	if o.Schedule.Location == nil {
		o.Schedule.Location = time.Local
	}
	if o.Schedule.Lease <= 0 {
		o.Schedule.Lease = announce.DefaultLease
	}
	if o.Owner == "" {
		var buf [8]byte
		rand.Read(buf[:])
		o.Owner = hex.EncodeToString(buf[:])
	}
	a := &Announcer{b: b, opts: o, warned: map[string]bool{}}
	a.Set(anns)
	return a
}

// Set replaces the announcements (after a reload). Give it only a set that
// loaded without problems: a file missing from it counts as removed.
func (a *Announcer) Set(anns []*announce.Announcement) {
	cp := append([]*announce.Announcement(nil), anns...)
	a.anns.Store(&cp)
}

// Announcements returns the current set.
func (a *Announcer) Announcements() []*announce.Announcement { return *a.anns.Load() }

// Schedule returns the schedule in use.
func (a *Announcer) Schedule() announce.Schedule { return a.opts.Schedule }

// Register adds the commands, the question routers and the posting job to
// the bot. Direct questions ("next training?") are taken before the FAQ;
// broader ones only when the FAQ has no confident answer, through an
// Unanswered hook that must be added before the tickets' one (see
// cmd/entraide/app.go).
func (a *Announcer) Register() {
	a.b.Handle(&Command{Names: []string{"formations", "trainings"}, Help: "help.formations", Run: a.cmdTrainings})
	a.b.Handle(&Command{Names: []string{"services"}, Help: "help.services", Run: a.cmdServices})
	a.b.Before(a.routeDirectQuestion)
	a.b.Unanswered(a.routeQuestion)
	a.b.Unsure(a.routeQuestion)
	a.b.Go(a.Run)
}

// Run posts due announcements now and then every opts.Every until ctx ends.
// Storage errors are logged and retried next round rather than stopping
// the bot.
func (a *Announcer) Run(ctx context.Context) error {
	for {
		if _, err := a.Tick(ctx); err != nil && ctx.Err() == nil {
			a.b.log.Error("announcements: round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-a.opts.Clock.After(a.opts.Every):
		}
	}
}

// Tick makes one round: it reads the history, computes what is due now and
// claims then sends each post. It returns how many posts it sent.
func (a *Announcer) Tick(ctx context.Context) (int, error) {
	a.roundMu.Lock()
	defer a.roundMu.Unlock()
	st := a.opts.Store
	now := a.opts.Clock.Now()
	hist, err := st.AnnounceHistory(ctx)
	if err != nil {
		return 0, fmt.Errorf("reading announcement history: %w", err)
	}
	sent := 0
	for _, p := range a.opts.Schedule.Due(a.Announcements(), hist, now) {
		if _, ok := a.b.adapters[p.Room.Adapter]; !ok {
			a.warnOnce(p.Room.String(), "announcements: no adapter for room, skipped", "room", p.Room.String(), "file", p.FileID)
			continue
		}
		rec := p.Record()
		rec.State, rec.Owner, rec.ClaimedAt = announce.Claimed, a.opts.Owner, now
		won, err := st.ClaimAnnounce(ctx, rec, a.opts.Schedule.Lease)
		if err != nil {
			return sent, fmt.Errorf("claiming announcement %s: %w", p.FileID, err)
		}
		if !won {
			continue // another bot on this database has it
		}
		room := Room{Adapter: p.Room.Adapter, ID: p.Room.ID}
		text := a.renderPost(&p, a.b.RoomLang(room), now)
		sctx, cancel := context.WithTimeout(ctx, a.opts.Schedule.Lease/2)
		id, err := a.b.Send(sctx, Reply{Room: room, Text: text})
		cancel()
		// Confirm even when ctx was cancelled meanwhile: the post is out.
		bg := context.WithoutCancel(ctx)
		if err != nil {
			a.b.log.Error("announcements: send failed, will retry", "file", p.FileID, "kind", p.Kind, "room", p.Room.String(), "err", err)
			if rerr := st.ReleaseAnnounce(bg, p.Slot, a.opts.Owner); rerr != nil {
				a.b.log.Error("announcements: could not release claim", "file", p.FileID, "err", rerr)
			}
			continue
		}
		if err := st.MarkAnnounceSent(bg, p.Slot, a.opts.Owner, id, a.opts.Clock.Now()); err != nil {
			a.b.log.Error("announcements: sent but not confirmed", "file", p.FileID, "err", err)
		}
		a.b.log.Info("announcement posted", "file", p.FileID, "kind", p.Kind, "offset", p.Offset, "room", p.Room.String())
		sent++
	}
	return sent, nil
}

func (a *Announcer) warnOnce(key, msg string, args ...any) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.warned[key] {
		return
	}
	a.warned[key] = true
	a.b.log.Warn(msg, args...)
}

// Preview lists what the poster will post between from and to, given what
// it already posted (as `entraide announce preview` prints it).
func (a *Announcer) Preview(ctx context.Context, from, to time.Time) ([]announce.Post, error) {
	var hist []announce.Record
	if a.opts.Store != nil {
		var err error
		if hist, err = a.opts.Store.AnnounceHistory(ctx); err != nil {
			return nil, err
		}
	}
	return a.opts.Schedule.Simulate(a.Announcements(), hist, from, to), nil
}
