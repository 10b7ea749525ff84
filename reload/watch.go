package reload

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher follows every file under some folders, sub-folders created
// later included.
type Watcher struct {
	w       *fsnotify.Watcher
	log     *slog.Logger
	watched int
}

// NewWatcher starts watching dirs right away, so no change made after it
// returns is missed. A folder that does not exist yet is skipped with a
// warning. Hidden files and editor backups ("~", "#") are ignored.
func NewWatcher(log *slog.Logger, dirs ...string) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wa := &Watcher{w: w, log: log}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if _, err := os.Stat(d); errors.Is(err, os.ErrNotExist) {
			log.Warn("not watching a missing folder", "dir", d)
			continue
		}
		if err := addTree(w, d); err != nil {
			w.Close()
			return nil, fmt.Errorf("watching %s: %w", d, err)
		}
		wa.watched++
	}
	return wa, nil
}

// Run calls fire once the files have stopped changing for debounce, until
// ctx is done, then releases the watcher. fire runs on Run's goroutine, so
// two reloads never overlap.
func (wa *Watcher) Run(ctx context.Context, debounce time.Duration, fire func(ctx context.Context)) error {
	w, log := wa.w, wa.log
	defer w.Close()
	if wa.watched == 0 {
		<-ctx.Done()
		return nil
	}
	if debounce <= 0 {
		debounce = 500 * time.Millisecond
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					// a new folder may already hold files (mkdir -p; cp -r)
					if err := addTree(w, ev.Name); err != nil {
						log.Warn("cannot watch new folder", "dir", ev.Name, "err", err)
					}
				}
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflow means events were lost: reload to be sure.
			log.Warn("file watcher", "err", err)
			timer.Reset(debounce)
		case <-timer.C:
			fire(ctx)
		}
	}
}

// Close releases the watcher when Run is never called.
func (wa *Watcher) Close() error { return wa.w.Close() }

// addTree watches dir and every folder below it, hidden ones excepted.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // vanished while walking
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

func ignored(path string) bool {
	base := filepath.Base(path)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasPrefix(base, "#")
}
