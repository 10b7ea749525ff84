package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// DB is an open entraide database.
type DB struct {
	*sql.DB
	Path string
	wal  walGuard
}

// Open opens (creating if needed) the database at path, switches it to WAL
// and applies every pending migration. A damaged file gives an error naming
// it instead of being silently replaced.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("database path is empty")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	raw, err := sql.Open("sqlite3", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	db := &DB{DB: raw, Path: path}
	if err := db.check(ctx); err != nil {
		raw.Close()
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		raw.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if err := db.guardWAL(ctx); err != nil {
		raw.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return db, nil
}

func (db *DB) check(ctx context.Context) error {
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("database %s is not a readable SQLite file: %w", db.Path, err)
	}
	if mode != "wal" {
		return fmt.Errorf("database %s: could not switch to WAL mode (got %q)", db.Path, mode)
	}
	findings, err := db.quickCheck(ctx)
	if err != nil {
		return fmt.Errorf("database %s is damaged: %w (restore a backup; the file was left untouched)", db.Path, err)
	}
	if len(findings) > 0 {
		return fmt.Errorf("database %s is damaged: %s (restore a backup, or try \"sqlite3 %s .recover\" on a copy; the file was left untouched)",
			db.Path, strings.Join(findings, "; "), db.Path)
	}
	return nil
}

// Tx runs fn in a transaction, committed when fn returns nil.
func (db *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := db.walIntact(); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return db.storageError(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return db.storageError(err)
	}
	return db.storageError(tx.Commit())
}
