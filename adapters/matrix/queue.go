package matrix

import (
	"context"
	"sync"
	"time"

	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
)

// dispatcher runs queued work with one goroutine per busy room: a room's
// events are handled in order, rooms do not wait for each other, and the
// sync loop only appends to a slice (a blocked sync handler would also stop
// the encryption keys from arriving). A worker ends when its room's queue is
// empty, so rooms heard from once (every direct chat) hold nothing after.
type dispatcher struct {
	track *tracker

	mu     sync.Mutex
	rooms  map[id.RoomID]*roomQueue
	closed bool
	wg     sync.WaitGroup

	ctx context.Context
	in  bot.Inbox
	a   *Adapter
}

type roomQueue struct {
	items []job
}

// job is one unit of work; run gets the inbox and a context that survives
// the adapter's stop for a short grace period.
type job struct {
	b   *batch
	run func(ctx context.Context, in bot.Inbox)
}

func newDispatcher(t *tracker) *dispatcher {
	return &dispatcher{track: t, rooms: map[id.RoomID]*roomQueue{}}
}

func (d *dispatcher) start(ctx context.Context, in bot.Inbox, a *Adapter) {
	d.ctx, d.in, d.a = ctx, in, a
}

// push queues fn for room; it never blocks.
func (d *dispatcher) push(room id.RoomID, fn func(ctx context.Context, in bot.Inbox)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return // not counted in any batch: the batch's token stays unsaved and the event comes back
	}
	q := d.rooms[room]
	if q == nil {
		q = &roomQueue{}
		d.rooms[room] = q
		d.wg.Add(1)
		go d.work(room, q)
	}
	q.items = append(q.items, job{b: d.track.add(), run: fn})
}

func (d *dispatcher) work(room id.RoomID, q *roomQueue) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		if d.closed {
			d.mu.Unlock()
			return
		}
		if len(q.items) == 0 {
			// Under d.mu: a push after this sees no queue and starts a worker.
			delete(d.rooms, room)
			d.mu.Unlock()
			return
		}
		j := q.items[0]
		q.items = q.items[1:]
		d.mu.Unlock()
		d.runJob(j)
	}
}

func (d *dispatcher) runJob(j job) {
	defer func() {
		if r := recover(); r != nil {
			d.a.log.Error("matrix: event handler panicked", "panic", r)
		}
		d.track.done(j.b)
	}()
	j.run(d.ctx, d.in)
}

// close stops taking work; jobs in progress finish, queued ones are dropped
// (their sync batch was not saved, so the next start sees them again).
func (d *dispatcher) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
}

// wait waits up to timeout for the workers to end and reports whether they did.
func (d *dispatcher) wait(timeout time.Duration) bool {
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		return false
	}
}
