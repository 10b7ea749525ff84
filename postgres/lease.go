package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// The leader lease: one row per lease name, held by one instance until
// expires (the database's clock). term goes up at each change of holder.
func init() {
	register("lease",
		`CREATE TABLE leader_lease (
			name    TEXT PRIMARY KEY,
			holder  TEXT NOT NULL,
			expires TIMESTAMPTZ NOT NULL,
			term    BIGINT NOT NULL
		)`,
	)
}

// AcquireLease takes lease name for holder until ttl from now, if nobody
// holds it or its holder let it expire. It returns the term of the new
// holding, or 0 when another instance holds it.
func (db *DB) AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (int64, error) {
	var term int64
	err := db.QueryRowContext(ctx, `INSERT INTO leader_lease(name, holder, expires, term)
		VALUES($1, $2, now() + $3 * interval '1 millisecond', 1)
		ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, expires = excluded.expires, term = leader_lease.term + 1
		WHERE leader_lease.expires < now()
		RETURNING term`, name, holder, ttl.Milliseconds()).Scan(&term)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return term, err
}

// RenewLease extends holder's unexpired lease to ttl from now; false means
// it is no longer holder's.
func (db *DB) RenewLease(ctx context.Context, name, holder string, term int64, ttl time.Duration) (bool, error) {
	res, err := db.ExecContext(ctx, `UPDATE leader_lease SET expires = now() + $4 * interval '1 millisecond'
		WHERE name = $1 AND holder = $2 AND term = $3 AND expires >= now()`, name, holder, term, ttl.Milliseconds())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReleaseLease ends holder's lease at once, so a standby takes over
// without waiting for it to expire.
func (db *DB) ReleaseLease(ctx context.Context, name, holder string, term int64) error {
	_, err := db.ExecContext(ctx, `UPDATE leader_lease SET expires = now() - interval '1 second'
		WHERE name = $1 AND holder = $2 AND term = $3`, name, holder, term)
	return err
}
