package matrix

import (
	"context"
	"errors"
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
	a.track.open(resp.NextBatch)
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
	return s.a.opts.State.Put(ctx, s.a.opts.Name, "filter_id:"+u.String(), filterID)
}

func (s *syncStore) LoadFilterID(ctx context.Context, u id.UserID) (string, error) {
	v, _, err := s.a.opts.State.Get(ctx, s.a.opts.Name, "filter_id:"+u.String())
	return v, err
}

func (s *syncStore) SaveNextBatch(context.Context, id.UserID, string) error { return nil }

func (s *syncStore) LoadNextBatch(ctx context.Context, u id.UserID) (string, error) {
	v, _, err := s.a.opts.State.Get(ctx, s.a.opts.Name, "next_batch:"+u.String())
	return v, err
}

func (a *Adapter) saveNextBatch(ctx context.Context, token string) {
	if err := a.opts.State.Put(ctx, a.opts.Name, "next_batch:"+a.userID.String(), token); err != nil {
		a.log.Error("matrix: saving the sync token", "err", err)
	}
}

// tracker counts the queued events of each sync batch and persists a batch's
// token when it and every earlier batch are fully handled.
type tracker struct {
	mu      sync.Mutex
	batches []*batch
	cur     *batch
	save    func(token string)
}

type batch struct {
	token   string
	pending int
	sealed  bool
}

func newTracker(save func(string)) *tracker { return &tracker{save: save} }

// open starts the batch whose events are being dispatched.
func (t *tracker) open(token string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cur = &batch{token: token}
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
	for len(t.batches) > 0 && t.batches[0].sealed && t.batches[0].pending == 0 {
		last = t.batches[0].token
		t.batches = t.batches[1:]
	}
	if last != "" {
		t.save(last)
	}
}
