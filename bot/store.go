package bot

import (
	"context"
	"time"
)

// StateStore keeps small durable state for adapters and features: sync
// tokens, device ids, and the ids of events already handled.
type StateStore interface {
	Get(ctx context.Context, namespace, key string) (value string, ok bool, err error)
	Put(ctx context.Context, namespace, key, value string) error
	// FirstSeen records eventID and reports whether it was new.
	FirstSeen(ctx context.Context, adapter, eventID string) (bool, error)
}

// Progress is where an incoming event stands in a Journal.
type Progress int

const (
	// ProgressNew: first seen, and now recorded as in progress.
	ProgressNew Progress = iota
	// ProgressUnfinished: an earlier run began handling it and stopped (a
	// crash) before it was done.
	ProgressUnfinished
	// ProgressDone: handled already.
	ProgressDone
)

// UnfinishedEvent is an event a Journal holds as in progress.
type UnfinishedEvent struct {
	EventID string
	Room    string
}

// Journal is a StateStore that also tells an event being handled from one
// handled, for an adapter that can check after a crash whether the answer
// went out: it records the event before handing it to the bot and finishes
// it after, so a crash in between is found again instead of lost. The
// events Begin records share FirstSeen's records (and its retention).
type Journal interface {
	StateStore
	// Begin records eventID of room as in progress if it was never seen.
	Begin(ctx context.Context, adapter, eventID, room string) (Progress, error)
	// Finish records that eventID was handled.
	Finish(ctx context.Context, adapter, eventID string) error
	// Unfinished lists the adapter's events begun and not finished, oldest first.
	Unfinished(ctx context.Context, adapter string) ([]UnfinishedEvent, error)
}

// HandledRetention is how long a Journal keeps the record of a handled
// event. Adapters only ever replay recent events (a sync batch, a day of
// offline messages), so a month is ample, and the records stop growing with
// the traffic.
const HandledRetention = 30 * 24 * time.Hour

// JournalPurger trims a Journal: it deletes the records of events seen
// before the time and says how many went.
type JournalPurger interface {
	PurgeHandled(ctx context.Context, before time.Time) (int64, error)
}
