package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the live database to dest with
// SQLite's VACUUM INTO: a snapshot of one moment, taken while the bot
// keeps reading and writing, compacted, with no -wal of its own. dest
// must not exist; the copy is written beside it and renamed into place,
// so dest is never a half-written file.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("backup %s: the file exists; choose a new name (a backup never overwrites)", dest)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	tmp := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".partial")
	os.Remove(tmp) // left by an interrupted backup
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup of %s to %s: %w", db.Path, dest, db.storageError(err))
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	if err := os.Link(tmp, dest); err != nil { // fails rather than replace a file made meanwhile
		os.Remove(tmp)
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	return os.Remove(tmp)
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
