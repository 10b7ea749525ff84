package postgres

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
			seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			UNIQUE (adapter, event_id)
		)`,
	)
}

var _ bot.Journal = (*DB)(nil)

// Begin records an event as handled and in progress, in one transaction,
// when it was never seen; otherwise it says whether it is done or was left
// in progress by an earlier run.
func (db *DB) Begin(ctx context.Context, adapter, eventID, room string) (bot.Progress, error) {
	return db.Records.Begin(ctx, adapter, eventID, room)
}
