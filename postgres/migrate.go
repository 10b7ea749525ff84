package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// migrations maps a component ("core", "tickets", ...) to its schema steps,
// the components of package sqlite; a change to the schema is a new step in
// both. Never edit a released step: append a new one.
var migrations = map[string][]string{}

func register(component string, steps ...string) {
	migrations[component] = append(migrations[component], steps...)
}

// migrationLock is the advisory lock key held while migrating, so that two
// instances started together do not both apply the same step.
const migrationLock = 0x656e7472 // "entr"

func (db *DB) migrate(ctx context.Context) error {
	names := make([]string, 0, len(migrations))
	for n := range migrations {
		names = append(names, n)
	}
	sort.Strings(names)
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			component TEXT PRIMARY KEY,
			version   INTEGER NOT NULL
		)`); err != nil {
			return err
		}
		for _, name := range names {
			steps := migrations[name]
			var v int
			err := tx.QueryRowContext(ctx, `SELECT version FROM schema_migrations WHERE component = $1`, name).Scan(&v)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			if v > len(steps) {
				return fmt.Errorf("schema of %s is at version %d, newer than this program (%d): upgrade entraide", name, v, len(steps))
			}
			for i := v; i < len(steps); i++ {
				if _, err := tx.ExecContext(ctx, steps[i]); err != nil {
					return fmt.Errorf("migration %s #%d: %w", name, i+1, err)
				}
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations(component, version) VALUES($1, $2)
				ON CONFLICT(component) DO UPDATE SET version = excluded.version`, name, len(steps))
			if err != nil {
				return err
			}
		}
		return nil
	})
}
