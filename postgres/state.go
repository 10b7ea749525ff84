package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

func init() {
	register("core",
		`CREATE TABLE kv (
			namespace TEXT NOT NULL,
			key       TEXT NOT NULL,
			value     TEXT NOT NULL,
			updated   TIMESTAMPTZ NOT NULL DEFAULT now(),
			PRIMARY KEY (namespace, key)
		)`,
		`CREATE TABLE handled (
			adapter  TEXT NOT NULL,
			event_id TEXT NOT NULL,
			at       TIMESTAMPTZ NOT NULL DEFAULT now(),
			PRIMARY KEY (adapter, event_id)
		)`,
		`CREATE INDEX handled_at ON handled(at)`,
	)
}

var (
	_ bot.Journal       = (*DB)(nil)
	_ bot.JournalPurger = (*DB)(nil)
)

// Get implements bot.StateStore.
func (db *DB) Get(ctx context.Context, namespace, key string) (value string, ok bool, err error) {
	err = db.QueryRowContext(ctx, `SELECT value FROM kv WHERE namespace = $1 AND key = $2`, namespace, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return value, err == nil, err
}

// Put implements bot.StateStore.
func (db *DB) Put(ctx context.Context, namespace, key, value string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO kv(namespace, key, value) VALUES($1, $2, $3)
		ON CONFLICT(namespace, key) DO UPDATE SET value = excluded.value, updated = now()`,
		namespace, key, value)
	return err
}

// FirstSeen implements bot.StateStore.
func (db *DB) FirstSeen(ctx context.Context, adapter, eventID string) (bool, error) {
	res, err := db.ExecContext(ctx, `INSERT INTO handled(adapter, event_id) VALUES($1, $2) ON CONFLICT DO NOTHING`,
		adapter, eventID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PurgeHandled implements bot.JournalPurger.
func (db *DB) PurgeHandled(ctx context.Context, before time.Time) (int64, error) {
	res, err := db.ExecContext(ctx, `DELETE FROM handled WHERE at < $1`, before)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
