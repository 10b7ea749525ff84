package sqlite

import (
	"context"
	"database/sql"

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

// Begin records an event as handled and in progress, in one transaction,
// when it was never seen; otherwise it says whether it is done or was left
// in progress by an earlier run.
func (db *DB) Begin(ctx context.Context, adapter, eventID, room string) (bot.Progress, error) {
	p := bot.ProgressNew
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO handled(adapter, event_id) VALUES(?, ?)`, adapter, eventID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n > 0 {
			// OR REPLACE: a record left behind by an event whose handled
			// row was purged since.
			_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO handling(adapter, event_id, room_id) VALUES(?, ?, ?)`, adapter, eventID, room)
			return err
		}
		var one int
		switch err := tx.QueryRowContext(ctx, `SELECT 1 FROM handling WHERE adapter = ? AND event_id = ?`, adapter, eventID).Scan(&one); {
		case err == sql.ErrNoRows:
			p = bot.ProgressDone
		case err != nil:
			return err
		default:
			p = bot.ProgressUnfinished
		}
		return nil
	})
	return p, err
}

// Finish records that an event begun with Begin was handled.
func (db *DB) Finish(ctx context.Context, adapter, eventID string) error {
	_, err := db.ExecContext(ctx, `DELETE FROM handling WHERE adapter = ? AND event_id = ?`, adapter, eventID)
	return db.storageError(err)
}

// Unfinished lists the adapter's events begun and not finished, oldest first.
func (db *DB) Unfinished(ctx context.Context, adapter string) ([]bot.UnfinishedEvent, error) {
	rows, err := db.QueryContext(ctx, `SELECT event_id, room_id FROM handling WHERE adapter = ? ORDER BY seq`, adapter)
	if err != nil {
		return nil, db.storageError(err)
	}
	defer rows.Close()
	var out []bot.UnfinishedEvent
	for rows.Next() {
		var u bot.UnfinishedEvent
		if err := rows.Scan(&u.EventID, &u.Room); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
