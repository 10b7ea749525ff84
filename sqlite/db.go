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
	"syscall"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"codeberg.org/entraide/entraide/internal/sqlstore"
)

// DB is an open entraide database.
type DB struct {
	*sql.DB
	sqlstore.Records // announcement posts, the handled-event journal
	Path             string
	wal              walGuard
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
	if err := writable(path); err != nil {
		return nil, err
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
	db.Records = sqlstore.NewRecords(db, dialect)
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

// writable returns an error saying the database is read-only when the file
// or its folder (where SQLite keeps the -wal and -shm files) cannot be
// written; SQLite itself would report "no such file or directory".
func writable(path string) error {
	const wOK = 2
	dir := filepath.Dir(path)
	err := syscall.Access(dir, wOK)
	if err == nil {
		if f, ferr := os.OpenFile(path, os.O_RDWR, 0); ferr == nil {
			f.Close()
		} else if !errors.Is(ferr, os.ErrNotExist) {
			err = ferr
		}
	}
	if err == nil {
		return nil
	}
	if pe, ok := err.(*os.PathError); ok {
		err = pe.Err
	}
	return readOnlyError{path: path, cause: err}
}

// ErrReadOnly is matched (errors.Is) by the error of Open on a database it
// cannot write; OpenReadOnly reads such a database.
var ErrReadOnly = errors.New("database is read-only")

type readOnlyError struct {
	path  string
	cause error
}

func (e readOnlyError) Error() string {
	return fmt.Sprintf("database %s is read-only (%v): the bot writes tickets there, and SQLite its -wal and -shm files beside it; "+
		"make the file and its folder writable for the bot's user", e.path, e.cause)
}

func (e readOnlyError) Is(target error) bool { return target == ErrReadOnly }

// OpenReadOnly opens a database that cannot be written (a copy on a
// read-only disk, a backup kept read-only) for reading only: no WAL switch,
// no migration. A -wal file holding writes not yet in the database is
// refused, since they could not be read.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return nil, fmt.Errorf("database %s is read-only and its -wal file holds writes not yet in it: "+
			"copy both to a writable folder and read the copy there", path)
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	db := &DB{DB: raw, Path: path}
	db.Records = sqlstore.NewRecords(db, dialect)
	findings, err := db.quickCheck(ctx)
	if err == nil && len(findings) > 0 {
		err = errors.New(strings.Join(findings, "; "))
	}
	if err != nil {
		raw.Close()
		return nil, fmt.Errorf("database %s is not a readable SQLite file: %w", path, err)
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

// dialect is SQLite's: ? placeholders, and no row or named locks, since
// every transaction takes the single write lock at its start
// (_txlock=immediate).
var dialect = sqlstore.Dialect{}
