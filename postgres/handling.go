package postgres

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
			seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
			UNIQUE (adapter, event_id)
		)`,
	)
}

// Begin implements bot.Journal: a new event is recorded as handled and in
// progress in one transaction; a known one is done or unfinished.
func (db *DB) Begin(ctx context.Context, adapter, eventID, room string) (bot.Progress, error) {
	p := bot.ProgressNew
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO handled(adapter, event_id) VALUES($1, $2) ON CONFLICT DO NOTHING`,
			adapter, eventID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n > 0 {
			// a record left behind by an event whose handled row was
			// purged since goes: the new one takes its place at the end
			if _, err := tx.ExecContext(ctx, `DELETE FROM handling WHERE adapter = $1 AND event_id = $2`, adapter, eventID); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO handling(adapter, event_id, room_id) VALUES($1, $2, $3)`, adapter, eventID, room)
			return err
		}
		var one int
		switch err := tx.QueryRowContext(ctx, `SELECT 1 FROM handling WHERE adapter = $1 AND event_id = $2`, adapter, eventID).Scan(&one); {
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

// Finish implements bot.Journal.
func (db *DB) Finish(ctx context.Context, adapter, eventID string) error {
	_, err := db.ExecContext(ctx, `DELETE FROM handling WHERE adapter = $1 AND event_id = $2`, adapter, eventID)
	return err
}

// Unfinished implements bot.Journal.
func (db *DB) Unfinished(ctx context.Context, adapter string) ([]bot.UnfinishedEvent, error) {
	rows, err := db.QueryContext(ctx, `SELECT event_id, room_id FROM handling WHERE adapter = $1 ORDER BY seq`, adapter)
	if err != nil {
		return nil, err
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
