package reload_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/internal/testkit"
	"codeberg.org/entraide/entraide/reload"
)

func TestPullFastForwardsAndReportsChange(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	dir := t.TempDir()
	origin, clone := filepath.Join(dir, "origin"), filepath.Join(dir, "clone")
	testkit.Git(t, dir, "init", "-q", "-b", "main", origin)
	os.WriteFile(filepath.Join(origin, "a.md"), []byte("one"), 0o644)
	testkit.Git(t, origin, "add", ".")
	testkit.Git(t, origin, "commit", "-qm", "one")
	testkit.Git(t, dir, "clone", "-q", origin, clone)
	ctx := context.Background()
	changed, err := reload.Pull(ctx, clone)
	if err != nil || changed {
		t.Fatalf("nothing new: changed=%v err=%v", changed, err)
	}
	os.WriteFile(filepath.Join(origin, "b.md"), []byte("two"), 0o644)
	testkit.Git(t, origin, "add", ".")
	testkit.Git(t, origin, "commit", "-qm", "two")
	changed, err = reload.Pull(ctx, clone)
	if err != nil || !changed {
		t.Fatalf("a new commit: changed=%v err=%v", changed, err)
	}
	if _, err := os.Stat(filepath.Join(clone, "b.md")); err != nil {
		t.Fatal("the pulled file is missing")
	}
}

func TestPullErrorsHideCredentials(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	clone := t.TempDir()
	testkit.Git(t, clone, "init", "-q", "-b", "main")
	testkit.Git(t, clone, "commit", "-q", "--allow-empty", "-m", "x")
	// A remote on a closed loopback port: fails fast, no traffic leaves the host.
	testkit.Git(t, clone, "remote", "add", "origin", "http://faq-bot:s3cr3t-t0ken@127.0.0.1:9/faq.git")
	testkit.Git(t, clone, "config", "branch.main.remote", "origin")
	testkit.Git(t, clone, "config", "branch.main.merge", "refs/heads/main")
	_, err := reload.Pull(context.Background(), clone)
	if err == nil {
		t.Fatal("pull from a closed port must fail")
	}
	if strings.Contains(err.Error(), "s3cr3t") || strings.Contains(err.Error(), "faq-bot") {
		t.Fatalf("credentials leaked: %v", err)
	}
	if !strings.Contains(err.Error(), "git pull in "+clone) {
		t.Fatalf("the error must say what failed where: %v", err)
	}
}

func TestStripUserinfo(t *testing.T) {
	got := reload.StripUserinfo("fatal: unable to access 'https://bob:pw@git.example.org/faq.git/' and ssh://git@host/x")
	if strings.Contains(got, "pw") || strings.Contains(got, "bob") || !strings.Contains(got, "https://git.example.org/faq.git/") ||
		!strings.Contains(got, "ssh://host/x") {
		t.Fatalf("got %q", got)
	}
}

func TestWatcherDebouncesABurstIntoOneReload(t *testing.T) {
	dir := t.TempDir()
	// A long debounce so the burst below surely fits in one window.
	fired, stop := runWatcher(t, 300*time.Millisecond, dir, filepath.Join(dir, "missing"))
	for i := range 20 {
		os.WriteFile(filepath.Join(dir, "f.md"), []byte(strings.Repeat("x", i)), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".f.md.swp"), []byte("x"), 0o644)
	<-fired
	// One more change after the reload: exactly one more reload.
	os.MkdirAll(filepath.Join(dir, "new", "deep"), 0o755)
	<-fired
	os.WriteFile(filepath.Join(dir, "new", "deep", "g.md"), []byte("y"), 0o644)
	<-fired
	stop()
	if n := len(fired); n != 0 {
		t.Fatalf("%d extra reloads for one burst", n)
	}
}

// A deployment that swaps the whole watched folder (mv new faq, a checkout
// of a tree that removes and recreates it) must not leave the watcher deaf.
func TestWatcherFollowsAReplacedFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "faq")
	os.MkdirAll(filepath.Join(dir, "fr"), 0o755)
	os.WriteFile(filepath.Join(parent, "README.md"), []byte("x"), 0o644)
	fired, stop := runWatcher(t, 50*time.Millisecond, dir)

	next := filepath.Join(parent, "faq.new")
	os.MkdirAll(filepath.Join(next, "fr"), 0o755)
	os.WriteFile(filepath.Join(next, "fr", "a.md"), []byte("one"), 0o644)
	if err := os.Rename(dir, filepath.Join(parent, "faq.old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, dir); err != nil {
		t.Fatal(err)
	}
	waitFired(t, fired, "the swap")
	// The new folder and its sub-folders are watched: an edit is seen.
	os.WriteFile(filepath.Join(dir, "fr", "a.md"), []byte("two"), 0o644)
	waitFired(t, fired, "an edit in the swapped-in folder")
	// Changes next to the watched folder are not its business.
	os.WriteFile(filepath.Join(parent, "README.md"), []byte("y"), 0o644)
	os.WriteFile(filepath.Join(parent, "faq.old", "b.md"), []byte("z"), 0o644)
	select {
	case <-fired:
		t.Fatal("a change outside the watched folder fired a reload")
	case <-time.After(300 * time.Millisecond): // a quiet spell proves nothing fired; load can only hide a failure
	}
	os.WriteFile(filepath.Join(dir, "c.md"), []byte("w"), 0o644)
	waitFired(t, fired, "an edit after unrelated changes")
	stop()
	if n := len(fired); n != 0 {
		t.Fatalf("%d reloads for changes outside the watched folder", n)
	}
}

// runWatcher watches dirs with the given debounce; each reload lands in
// fired. stop ends the watcher and fails the test if Run returned an error.
func runWatcher(t *testing.T, debounce time.Duration, dirs ...string) (fired chan struct{}, stop func()) {
	t.Helper()
	w, err := reload.NewWatcher(slog.New(slog.NewTextHandler(io.Discard, nil)), dirs...)
	if err != nil {
		t.Fatal(err)
	}
	fired = make(chan struct{}, 100)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, debounce, func(context.Context) { fired <- struct{}{} }) }()
	return fired, func() {
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}

func waitFired(t *testing.T, fired <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-fired:
	case <-time.After(10 * time.Second):
		t.Fatalf("no reload after %s", what)
	}
}

// A deployment that points a symlink at each release ("faq -> releases/3")
// has its files watched through the link, and follows the link when it
// is switched to another release.
func TestWatcherFollowsASymlinkedFolder(t *testing.T) {
	parent := t.TempDir()
	rel1, rel2 := filepath.Join(parent, "releases", "1"), filepath.Join(parent, "releases", "2")
	os.MkdirAll(filepath.Join(rel1, "fr"), 0o755)
	os.MkdirAll(filepath.Join(rel2, "fr"), 0o755)
	link := filepath.Join(parent, "faq")
	if err := os.Symlink(rel1, link); err != nil {
		t.Fatal(err)
	}
	fired, stop := runWatcher(t, 50*time.Millisecond, link)

	os.WriteFile(filepath.Join(link, "fr", "a.md"), []byte("one"), 0o644)
	waitFired(t, fired, "an edit through the link")
	// Switch releases atomically: a new link renamed over the old one.
	tmp := filepath.Join(parent, "faq.tmp")
	if err := os.Symlink(rel2, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, link); err != nil {
		t.Fatal(err)
	}
	waitFired(t, fired, "the switch of the link")
	os.WriteFile(filepath.Join(rel2, "fr", "b.md"), []byte("two"), 0o644)
	waitFired(t, fired, "an edit in the new release")
	stop()
}
