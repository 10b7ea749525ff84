package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// storageError names the database file in errors that come from the disk
// rather than from the query (disk full, file size limit, I/O error,
// damaged file), and says what it means for the data, so the log line
// alone tells an operator what to do.
func (db *DB) storageError(err error) error {
	var se sqlite3.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	var hint string
	switch {
	case se.Code == sqlite3.ErrFull, se.Code == sqlite3.ErrIoErr && isNoSpace(se):
		hint = "disk full or file size limit reached; this write was not saved, everything saved before is intact"
	case se.Code == sqlite3.ErrIoErr:
		hint = "I/O error; this write was not saved"
	case se.Code == sqlite3.ErrCorrupt, se.Code == sqlite3.ErrNotADB:
		hint = "the file is damaged; stop the bot and restore a backup"
	case se.Code == sqlite3.ErrReadonly, se.Code == sqlite3.ErrCantOpen:
		hint = "the file or its folder is not writable"
	default:
		return err
	}
	return fmt.Errorf("database %s: %w (%s)", db.Path, err, hint)
}

func isNoSpace(se sqlite3.Error) bool {
	if errors.Is(se.SystemErrno, syscall.ENOSPC) || errors.Is(se.SystemErrno, syscall.EFBIG) {
		return true
	}
	msg := se.Error()
	return strings.Contains(msg, "file too large") || strings.Contains(msg, "no space")
}

// quickCheck runs SQLite's quick_check and returns its findings (none when
// the file is sound), at most five, without SQLite's banner lines.
func (db *DB) quickCheck(ctx context.Context) ([]string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	failed := false
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		failed = failed || line != "ok"
		for _, l := range strings.Split(line, "\n") {
			l = strings.TrimSpace(l)
			if l == "" || l == "ok" || strings.HasPrefix(l, "*** in database") {
				continue
			}
			out = append(out, l)
		}
	}
	if failed && len(out) == 0 {
		out = append(out, "integrity check failed")
	}
	return out, rows.Err()
}
