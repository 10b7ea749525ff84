package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

func init() {
	register("core",
		`CREATE TABLE kv (
			namespace TEXT NOT NULL,
			key       TEXT NOT NULL,
			value     TEXT NOT NULL,
			updated   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
			PRIMARY KEY (namespace, key)
		)`,
		`CREATE TABLE handled (
			adapter  TEXT NOT NULL,
			event_id TEXT NOT NULL,
			at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
			PRIMARY KEY (adapter, event_id)
		)`,
		`CREATE INDEX handled_at ON handled(at)`,
	)
}

// Get reads a value of an adapter's or feature's small state (sync tokens,
// device ids). ok is false when the key was never set.
func (db *DB) Get(ctx context.Context, namespace, key string) (value string, ok bool, err error) {
	err = db.QueryRowContext(ctx, `SELECT value FROM kv WHERE namespace = ? AND key = ?`, namespace, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, err
}

// Put stores a value durably before returning.
func (db *DB) Put(ctx context.Context, namespace, key, value string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO kv(namespace, key, value) VALUES(?, ?, ?)
		ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value, updated = CURRENT_TIMESTAMP`,
		namespace, key, value)
	return db.storageError(err)
}

// FirstSeen records an incoming event id and reports whether it is new. An
// adapter calls it before handling an event, so a restart never answers the
// same message twice.
func (db *DB) FirstSeen(ctx context.Context, adapter, eventID string) (bool, error) {
	res, err := db.ExecContext(ctx, `INSERT OR IGNORE INTO handled(adapter, event_id) VALUES(?, ?)`, adapter, eventID)
	if err != nil {
		return false, db.storageError(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PurgeHandled implements bot.JournalPurger.
func (db *DB) PurgeHandled(ctx context.Context, before time.Time) (int64, error) {
	// at is SQLite's CURRENT_TIMESTAMP text (UTC), so compare in that form.
	res, err := db.ExecContext(ctx, `DELETE FROM handled WHERE at < ?`, before.UTC().Format("2006-01-02 15:04:05"))
	if err != nil {
		return 0, db.storageError(err)
	}
	return res.RowsAffected()
}
