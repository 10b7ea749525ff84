package sqlstore

import (
	"context"
	"database/sql"

	"codeberg.org/entraide/entraide/bot"
)

// Begin records an event as handled and in progress, in one transaction,
// when it was never seen; otherwise it says whether it is done or was left
// in progress by an earlier run.
func (db Records) Begin(ctx context.Context, adapter, eventID, room string) (bot.Progress, error) {
	p := bot.ProgressNew
	err := db.conn.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.d.Rebind(`INSERT INTO handled(adapter, event_id) VALUES(?, ?) ON CONFLICT DO NOTHING`),
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
			if _, err := tx.ExecContext(ctx, db.d.Rebind(`DELETE FROM handling WHERE adapter = ? AND event_id = ?`), adapter, eventID); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, db.d.Rebind(`INSERT INTO handling(adapter, event_id, room_id) VALUES(?, ?, ?)`), adapter, eventID, room)
			return err
		}
		var one int
		switch err := tx.QueryRowContext(ctx, db.d.Rebind(`SELECT 1 FROM handling WHERE adapter = ? AND event_id = ?`), adapter, eventID).Scan(&one); {
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
func (db Records) Finish(ctx context.Context, adapter, eventID string) error {
	_, err := db.exec(ctx, `DELETE FROM handling WHERE adapter = ? AND event_id = ?`, adapter, eventID)
	return err
}

// Unfinished lists the adapter's events begun and not finished, oldest first.
func (db Records) Unfinished(ctx context.Context, adapter string) ([]bot.UnfinishedEvent, error) {
	rows, err := db.query(ctx, `SELECT event_id, room_id FROM handling WHERE adapter = ? ORDER BY seq`, adapter)
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
