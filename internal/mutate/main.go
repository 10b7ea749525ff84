package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		os.Exit(1)
	}
}

const usage = `usage: scripts/mutate [-list FILE] [-only TEXT] [-min PERCENT] [-n] [-v]

Applies each mutation of the list, one at a time, to a copy of the tree in a
temporary folder, runs the owning packages' tests (go test -tags=goolm,
without the integration tests) and prints the kill rate and the survivors.
A mutation whose original text is no longer found is reported as stale.`

// outcome of one mutation.
type outcome string

const (
	killed   outcome = "killed"
	survived outcome = "SURVIVED"
	stale    outcome = "stale"  // the original text is gone or not unique
	broken   outcome = "broken" // the mutated tree does not build
)

type result struct {
	m      mutation
	out    outcome
	detail string // why stale or broken, or the first failing test
	at     int    // line of the mutated text in its file
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("mutate", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprintln(fs.Output(), usage); fs.PrintDefaults() }
	listPath := fs.String("list", "internal/mutate/mutations.txt", "the mutations, relative to the module root")
	only := fs.String("only", "", "run only the mutations whose file path contains this text")
	minRate := fs.Float64("min", 90, "exit with status 1 when the kill rate is under this percentage")
	verbose := fs.Bool("v", false, "print the test output of each survivor's run")
	timeout := fs.Duration("timeout", 5*time.Minute, "go test -timeout for each run")
	dry := fs.Bool("n", false, "only check that every original text is still found once; run no test")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	root, err := gitOutput(".", "rev-parse", "--show-toplevel")
	if err != nil {
		return fmt.Errorf("not in the git tree: %w", err)
	}
	root = strings.TrimSpace(root)
	if !filepath.IsAbs(*listPath) {
		*listPath = filepath.Join(root, *listPath)
	}
	f, err := os.Open(*listPath)
	if err != nil {
		return err
	}
	muts, err := parseList(f, *listPath)
	f.Close()
	if err != nil {
		return err
	}
	if *only != "" {
		muts = slices.DeleteFunc(muts, func(m mutation) bool { return !strings.Contains(m.File, *only) })
	}
	if len(muts) == 0 {
		return errors.New("no mutation to run")
	}

	tmp, err := os.MkdirTemp("", "entraide-mutate-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tree := filepath.Join(tmp, "tree")
	if err := copyTree(root, tree); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d mutations from %s, tree copied to %s\n", len(muts), *listPath, tree)

	// find each original text now, so that a stale list shows at once
	results := make([]result, len(muts))
	var runs [][]string // the distinct go test arguments (flags, packages) of the mutations found
	for i, m := range muts {
		results[i] = result{m: m}
		src, err := os.ReadFile(filepath.Join(tree, m.File))
		if err != nil {
			results[i].out, results[i].detail = stale, "file not found"
			continue
		}
		switch n := bytes.Count(src, []byte(m.From)); n {
		case 0:
			results[i].out, results[i].detail = stale, "original text not found"
		case 1:
			results[i].at = 1 + bytes.Count(src[:bytes.Index(src, []byte(m.From))], []byte("\n"))
			if args := m.testArgs(); !slices.ContainsFunc(runs, func(r []string) bool { return slices.Equal(r, args) }) {
				runs = append(runs, args)
			}
		default:
			results[i].out, results[i].detail = stale, fmt.Sprintf("original text found %d times, want once", n)
		}
	}

	if *dry {
		return listStale(results, w)
	}
	// the tests that judge the mutations must pass on the tree as it is
	for _, args := range runs {
		fmt.Fprintf(w, "baseline: go test %s\n", strings.Join(args, " "))
		if out, err := goTest(ctx, tree, args, *timeout); err != nil {
			w.Write(out)
			return fmt.Errorf("the tests fail without any mutation: fix them first")
		}
	}

	for i := range results {
		r := &results[i]
		if r.out == "" {
			r.out, r.detail, err = try(ctx, tree, r.m, *timeout, *verbose, w)
			if err != nil {
				return err
			}
		}
		fmt.Fprintf(w, "%-8s %s\n", r.out, r.name())
		if r.detail != "" {
			fmt.Fprintf(w, "         %s\n", r.detail)
		}
	}
	return summary(results, *minRate, w)
}

// listStale prints the mutations whose text is no longer found.
func listStale(results []result, w io.Writer) error {
	n := 0
	for _, r := range results {
		if r.out == stale {
			n++
			fmt.Fprintf(w, "stale    %s\n         %s\n", r.name(), r.detail)
		}
	}
	fmt.Fprintf(w, "%d of %d mutations stale\n", n, len(results))
	if n > 0 {
		return fmt.Errorf("%d stale mutations: move them with the code they mutate", n)
	}
	return nil
}

func (r *result) name() string {
	at := r.m.File
	if r.at > 0 {
		at = fmt.Sprintf("%s:%d", r.m.File, r.at)
	}
	return fmt.Sprintf("%s  %q → %q  (list line %d)", at, r.m.From, r.m.To, r.m.Line)
}

// try applies m to the tree, runs its packages' tests and restores the file.
func try(ctx context.Context, tree string, m mutation, timeout time.Duration, verbose bool, w io.Writer) (outcome, string, error) {
	path := filepath.Join(tree, m.File)
	orig, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	mutated := bytes.Replace(orig, []byte(m.From), []byte(m.To), 1)
	if err := os.WriteFile(path, mutated, 0o644); err != nil {
		return "", "", err
	}
	out, testErr := goTest(ctx, tree, m.testArgs(), timeout)
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		return "", "", err
	}
	if ctx.Err() != nil {
		return "", "", ctx.Err()
	}
	switch {
	case testErr == nil:
		if verbose {
			w.Write(out)
		}
		return survived, m.Accepted, nil
	case bytes.Contains(out, []byte("[build failed]")) || bytes.Contains(out, []byte("[setup failed]")):
		return broken, firstLine(out), nil
	}
	return killed, failedTests(out), nil
}

// failedTests names the tests that failed, from go test's output.
func failedTests(out []byte) string {
	var names []string
	for _, l := range strings.Split(string(out), "\n") {
		if name, ok := strings.CutPrefix(strings.TrimSpace(l), "--- FAIL: "); ok {
			name, _, _ = strings.Cut(name, " ")
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	return strings.Join(names, " ")
}

// goTest runs the packages' tests in the tree (args: flags, then
// packages), without the integration tests (they need servers and are not
// what this check is about).
func goTest(ctx context.Context, tree string, args []string, timeout time.Duration) ([]byte, error) {
	args = append([]string{"test", "-tags=goolm", "-count=1", "-failfast", "-vet=off", "-trimpath",
		"-timeout", timeout.String()}, args...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = tree
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "ENTRAIDE_INTEGRATION=") || strings.HasPrefix(kv, "GOFLAGS=")
	})
	return cmd.CombinedOutput()
}

func summary(results []result, minRate float64, w io.Writer) error {
	count := map[outcome]int{}
	for _, r := range results {
		count[r.out]++
	}
	ran := count[killed] + count[survived]
	fmt.Fprintln(w)
	if ran == 0 {
		return errors.New("no mutation could be run")
	}
	rate := 100 * float64(count[killed]) / float64(ran)
	fmt.Fprintf(w, "kill rate: %d of %d (%.1f %%); %d stale, %d broken (not counted)\n",
		count[killed], ran, rate, count[stale], count[broken])
	for _, o := range []outcome{survived, stale, broken} {
		if count[o] == 0 {
			continue
		}
		fmt.Fprintf(w, "%s:\n", strings.ToLower(string(o)))
		for _, r := range results {
			if r.out != o {
				continue
			}
			fmt.Fprintf(w, "  %s\n", r.name())
			if r.m.Note != "" {
				fmt.Fprintf(w, "    bug: %s\n", r.m.Note)
			}
			switch {
			case o == survived && r.m.Accepted != "":
				fmt.Fprintf(w, "    accepted: %s\n", r.m.Accepted)
			case o == survived:
				fmt.Fprintf(w, "    no reason recorded: add a test that catches it, or a \"= reason\" line\n")
			default:
				fmt.Fprintf(w, "    %s\n", r.detail)
			}
		}
	}
	if rate < minRate {
		return fmt.Errorf("kill rate %.1f %% is under %.0f %%", rate, minRate)
	}
	return nil
}

func firstLine(b []byte) string {
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return ""
}

// copyTree copies the files git knows of (tracked or new, not ignored) as
// they are on disk, uncommitted changes included.
func copyTree(root, dst string) error {
	list, err := gitOutput(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return err
	}
	for _, rel := range strings.Split(list, "\x00") {
		if rel == "" {
			continue
		}
		src := filepath.Join(root, rel)
		info, err := os.Lstat(src)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted, not yet committed
		} else if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(to, data, info.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

func gitOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
