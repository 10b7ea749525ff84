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
	// The folder holding each watched one is watched too, only to see
	// the watched folder itself replaced (a deployment's "mv new faq"):
	// its new tree is then watched in place of the old one.
	roots   map[string]bool
	parents map[string]bool // holding folders that are not watched for themselves
}

// NewWatcher starts watching dirs right away, so no change made after it
// returns is missed. A folder that does not exist yet is skipped with a
// warning. Hidden files and editor backups ("~", "#") are ignored.
func NewWatcher(log *slog.Logger, dirs ...string) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wa := &Watcher{w: w, log: log, roots: map[string]bool{}, parents: map[string]bool{}}
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
		wa.roots[filepath.Clean(d)] = true
	}
	for root := range wa.roots {
		p := filepath.Dir(root)
		if p == root || wa.inTree(p) {
			continue
		}
		if err := w.Add(p); err != nil {
			log.Warn("cannot watch the folder holding a watched one; replacing it will go unnoticed", "dir", p, "err", err)
			continue
		}
		wa.parents[p] = true
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
			if ignored(ev.Name) || wa.parents[filepath.Dir(ev.Name)] && !wa.roots[ev.Name] {
				continue
			}
			if wa.roots[ev.Name] && ev.Has(fsnotify.Rename) {
				// Moved away: its old tree still sends events under the
				// old names; stop listening to it.
				wa.unwatchTree(ev.Name)
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

// inTree reports whether dir is a watched folder or lies below one.
func (wa *Watcher) inTree(dir string) bool {
	for root := range wa.roots {
		if dir == root || strings.HasPrefix(dir, root+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func (wa *Watcher) unwatchTree(root string) {
	for _, p := range wa.w.WatchList() {
		if p == root || strings.HasPrefix(p, root+string(filepath.Separator)) {
			_ = wa.w.Remove(p)
		}
	}
}

// Close releases the watcher when Run is never called.
func (wa *Watcher) Close() error { return wa.w.Close() }

// addTree watches dir and every folder below it, hidden ones excepted.
func addTree(w *fsnotify.Watcher, dir string) error {
	if st, err := os.Lstat(dir); err == nil && st.Mode()&os.ModeSymlink != 0 {
		// A symlinked folder (a deployment's "faq -> releases/3") is
		// watched through its target: a walk does not follow the link.
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return err
		}
		dir = real
	}
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
