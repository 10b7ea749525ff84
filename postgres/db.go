package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"codeberg.org/entraide/entraide/internal/sqlstore"
)

// DB is an open entraide database on a PostgreSQL server.
type DB struct {
	*sql.DB
	sqlstore.Records        // announcement posts, the handled-event journal
	where            string // user@host:port/database, never the password
}

// IsURL reports whether a database setting names a PostgreSQL server
// (postgres://... or postgresql://...) rather than a SQLite file.
func IsURL(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

// Open connects to the database at url and applies every pending
// migration. A non-empty password replaces the one in the URL. Errors
// name the server and database, never the password.
func Open(ctx context.Context, url, password string) (*DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL, password included
		return nil, errors.New("database: not a valid postgres:// URL (postgres://user@host:port/database)")
	}
	if password != "" {
		cfg.Password = password
	}
	where := fmt.Sprintf("%s@%s/%s", cfg.User, net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port)), cfg.Database)
	raw := stdlib.OpenDB(*cfg)
	// keep connections: a new one costs a password exchange
	raw.SetMaxIdleConns(10)
	db := &DB{DB: raw, where: where}
	db.Records = sqlstore.NewRecords(db, dialect)
	if err := raw.PingContext(ctx); err != nil {
		raw.Close()
		return nil, fmt.Errorf("database %s: %w", where, err)
	}
	if err := db.migrate(ctx); err != nil {
		raw.Close()
		return nil, fmt.Errorf("database %s: %w", where, err)
	}
	return db, nil
}

// Where names the database (user@host:port/database) for messages.
func (db *DB) Where() string { return db.where }

// Tx runs fn in a transaction, committed when fn returns nil.
func (db *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// dialect is PostgreSQL's: numbered placeholders, rows locked FOR UPDATE,
// advisory locks where a row to lock may not exist yet (a message's
// ticket, a community's next number), and text sorted byte by byte as
// SQLite sorts it.
var dialect = sqlstore.Dialect{Numbered: true, ForUpdate: " FOR UPDATE", Lock: advisoryLock, ByteOrder: ` COLLATE "C"`}

// advisoryLock takes a transaction-scoped advisory lock on key's hash; two
// keys sharing a hash only wait for each other.
func advisoryLock(ctx context.Context, tx *sql.Tx, key string) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, key)
	return err
}
