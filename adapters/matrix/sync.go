package matrix

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
)

// syncer wraps mautrix's DefaultSyncer to track which events each sync batch
// produced, to note the bot's joins before any message of the batch is
// judged, and to reconnect with a logged-once backoff.
type syncer struct {
	*mautrix.DefaultSyncer
	a *Adapter
}

func (s *syncer) ProcessResponse(ctx context.Context, resp *mautrix.RespSync, since string) error {
	a := s.a
	a.failures = 0
	a.markUp()
	a.noteJoins(ctx, resp)
	if err := a.fillGaps(ctx, resp, since); err != nil {
		return err
	}
	a.track.open(resp.NextBatch, newestPerRoom(resp))
	defer a.track.seal()
	return s.DefaultSyncer.ProcessResponse(ctx, resp, since)
}

// OnFailedSync waits 0.5 s, 1 s, 2 s... up to MaxBackoff between attempts and
// logs the loss once, not at every retry. A revoked token stops the adapter.
func (s *syncer) OnFailedSync(_ *mautrix.RespSync, err error) (time.Duration, error) {
	a := s.a
	if errors.Is(err, mautrix.MUnknownToken) {
		return 0, err
	}
	a.markDown(err)
	wait := 500 * time.Millisecond << min(a.failures, 10)
	a.failures++
	return min(wait, a.opts.MaxBackoff), nil
}

// syncStore keeps the filter id and sync token in the bot's StateStore. The
// token mautrix hands over is saved only by the tracker, once every event of
// its batch was handled: a crash in between replays the batch, and the
// handled-event table drops what was already answered.
type syncStore struct{ a *Adapter }

func (s *syncStore) SaveFilterID(ctx context.Context, u id.UserID, filterID string) error {
	return s.a.opts.State.Put(ctx, s.a.opts.Name, s.filterKey(u), filterID)
}

func (s *syncStore) LoadFilterID(ctx context.Context, u id.UserID) (string, error) {
	v, _, err := s.a.opts.State.Get(ctx, s.a.opts.Name, s.filterKey(u))
	return v, err
}

// filterKey names the stored filter id; a non-default timeline limit gets
// its own filter on the homeserver.
func (s *syncStore) filterKey(u id.UserID) string {
	k := "filter_id:" + u.String()
	if l := s.a.opts.TimelineLimit; l != defaultTimelineLimit {
		k += ":limit=" + strconv.Itoa(l)
	}
	return k
}

func (s *syncStore) SaveNextBatch(context.Context, id.UserID, string) error { return nil }

func (s *syncStore) LoadNextBatch(ctx context.Context, u id.UserID) (string, error) {
	v, _, err := s.a.opts.State.Get(ctx, s.a.opts.Name, "next_batch:"+u.String())
	return v, err
}

// saveNextBatch saves the token, then the newest event time of each room
// of the saved batches (the lower bound of a later gap). In that order: a
// crash in between leaves older times, which only widens the next gap.
func (a *Adapter) saveNextBatch(ctx context.Context, token string, newest map[id.RoomID]int64) {
	if err := a.opts.State.Put(ctx, a.opts.Name, "next_batch:"+a.userID.String(), token); err != nil {
		a.log.Error("matrix: saving the sync token", "err", err)
		return
	}
	for room, ts := range newest {
		if err := a.opts.State.Put(ctx, a.opts.Name, seenUntilKey(room), strconv.FormatInt(ts, 10)); err != nil {
			a.log.Error("matrix: saving a room's sync time", "room", room, "err", err)
		}
	}
}

// tracker counts the queued events of each sync batch and persists a batch's
// token when it and every earlier batch are fully handled.
type tracker struct {
	mu      sync.Mutex
	batches []*batch
	cur     *batch
	save    func(token string, newest map[id.RoomID]int64)
}

type batch struct {
	token   string
	newest  map[id.RoomID]int64 // newest timeline event time per room
	pending int
	sealed  bool
}

func newTracker(save func(string, map[id.RoomID]int64)) *tracker { return &tracker{save: save} }

// open starts the batch whose events are being dispatched.
func (t *tracker) open(token string, newest map[id.RoomID]int64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cur = &batch{token: token, newest: newest}
	t.batches = append(t.batches, t.cur)
}

// add counts one more queued event in the open batch; nil outside a batch
// (an event decrypted late, after its keys arrived).
func (t *tracker) add() *batch {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cur != nil {
		t.cur.pending++
	}
	return t.cur
}

// seal marks the open batch complete: no more events will be added.
func (t *tracker) seal() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cur != nil {
		t.cur.sealed = true
		t.cur = nil
	}
	t.flush()
}

// done records that one event of b was handled.
func (t *tracker) done(b *batch) {
	if b == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	b.pending--
	t.flush()
}

func (t *tracker) flush() {
	last := ""
	var newest map[id.RoomID]int64
	for len(t.batches) > 0 && t.batches[0].sealed && t.batches[0].pending == 0 {
		b := t.batches[0]
		last = b.token
		for room, ts := range b.newest {
			if newest == nil {
				newest = map[id.RoomID]int64{}
			}
			newest[room] = max(newest[room], ts)
		}
		t.batches = t.batches[1:]
	}
	if last != "" {
		t.save(last, newest)
	}
}
