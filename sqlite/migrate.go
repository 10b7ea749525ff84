package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// migrations maps a component ("core", "tickets", "matrix", ...) to its
// schema steps. Each feature registers its own list from its file's init, so
// features evolve their tables independently. Never edit a released step:
// append a new one.
var migrations = map[string][]string{}

func register(component string, steps ...string) {
	migrations[component] = append(migrations[component], steps...)
}

func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		component TEXT PRIMARY KEY,
		version   INTEGER NOT NULL
	)`); err != nil {
		return err
	}
	names := make([]string, 0, len(migrations))
	for n := range migrations {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		steps := migrations[name]
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			var v int
			err := tx.QueryRowContext(ctx, `SELECT version FROM schema_migrations WHERE component = ?`, name).Scan(&v)
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
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations(component, version) VALUES(?, ?)
				ON CONFLICT(component) DO UPDATE SET version = excluded.version`, name, len(steps))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
