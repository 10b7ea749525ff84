package sqlite

import (
	"context"

	"codeberg.org/entraide/entraide/bot"
)

// The handling table holds the events an adapter began handling and has not
// finished; the handled table (FirstSeen) holds every event seen. An event
// in both is in progress, in handled only is done.
func init() {
	register("handling",
		`CREATE TABLE handling (
			adapter  TEXT NOT NULL,
			event_id TEXT NOT NULL,
			room_id  TEXT NOT NULL,
			seq      INTEGER PRIMARY KEY AUTOINCREMENT,
			UNIQUE (adapter, event_id)
		)`,
	)
}

var _ bot.Journal = (*DB)(nil)

// Finish records that an event begun with Begin was handled.
func (db *DB) Finish(ctx context.Context, adapter, eventID string) error {
	return db.storageError(db.Records.Finish(ctx, adapter, eventID))
}

// Unfinished lists the adapter's events begun and not finished, oldest first.
func (db *DB) Unfinished(ctx context.Context, adapter string) ([]bot.UnfinishedEvent, error) {
	out, err := db.Records.Unfinished(ctx, adapter)
	return out, db.storageError(err)
}

// Begin records an event as handled and in progress, in one transaction,
// when it was never seen; otherwise it says whether it is done or was left
// in progress by an earlier run.
func (db *DB) Begin(ctx context.Context, adapter, eventID, room string) (bot.Progress, error) {
	return db.Records.Begin(ctx, adapter, eventID, room)
}
