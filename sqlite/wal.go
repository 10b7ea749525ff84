package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
)

// walGuard notices the -wal file being deleted or replaced under the
// running bot (someone "backing up" by copying files, or cleaning up).
// SQLite would go on writing to the unlinked file and lose it all at the
// next crash; the guard makes every transaction fail instead, so no
// ticket is acknowledged that cannot be kept.
type walGuard struct {
	pin  *sql.Conn   // keeps SQLite from removing its own -wal when the pool is idle
	info os.FileInfo // the -wal file as first seen; nil when there was none

	mu     sync.Mutex
	broken error
}

// guardWAL pins one connection and remembers the -wal file.
func (db *DB) guardWAL(ctx context.Context) error {
	pin, err := db.DB.Conn(ctx)
	if err != nil {
		return err
	}
	// a read makes the connection open the WAL, so it holds it open
	var n int
	if err := pin.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		pin.Close()
		return err
	}
	db.wal.pin = pin
	if fi, err := os.Stat(db.Path + "-wal"); err == nil {
		db.wal.info = fi
	}
	return nil
}

// walIntact returns an error, the same one from the first failure on,
// when the -wal file is no longer the one the database writes to.
func (db *DB) walIntact() error {
	g := &db.wal
	if g.info == nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.broken != nil {
		return g.broken
	}
	fi, err := os.Stat(db.Path + "-wal")
	how := ""
	switch {
	case err != nil:
		how = "removed"
	case !os.SameFile(fi, g.info):
		how = "replaced"
	default:
		return nil
	}
	g.broken = fmt.Errorf("database %s: its write-ahead log %s-wal was %s while the bot was running; "+
		"writes are refused from now on, since they would be lost at the next stop: stop the bot, "+
		"check the data, and never delete or copy -wal and -shm files by hand (use entraide db backup)", db.Path, db.Path, how)
	return g.broken
}

// Close releases the pinned connection and closes the database.
func (db *DB) Close() error {
	if db.wal.pin != nil {
		db.wal.pin.Close()
	}
	return db.DB.Close()
}
