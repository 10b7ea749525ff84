package bot

import "context"

// StateStore keeps small durable state for adapters and features: sync
// tokens, device ids, and the ids of events already handled.
type StateStore interface {
	Get(ctx context.Context, namespace, key string) (value string, ok bool, err error)
	Put(ctx context.Context, namespace, key, value string) error
	// FirstSeen records eventID and reports whether it was new.
	FirstSeen(ctx context.Context, adapter, eventID string) (bool, error)
}
