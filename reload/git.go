package reload

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
)

// Pull runs "git pull --ff-only" in repo and reports whether HEAD moved. It
// never prompts for credentials (they belong in the clone's own credential
// helper or SSH key), and its error text has URL credentials removed.
func Pull(ctx context.Context, repo string) (changed bool, err error) {
	before, err := git(ctx, repo, "rev-parse", "HEAD")
	if err != nil {
		return false, err
	}
	if _, err := git(ctx, repo, "pull", "--ff-only", "--quiet"); err != nil {
		return false, err
	}
	after, err := git(ctx, repo, "rev-parse", "HEAD")
	if err != nil {
		return false, err
	}
	return before != after, nil
}

func git(ctx context.Context, repo string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", repo}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=/bin/false", "SSH_ASKPASS=/bin/false",
		"LC_ALL=C")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("git %s in %s: %s", args[0], StripUserinfo(repo), StripUserinfo(msg))
	}
	return strings.TrimSpace(out.String()), nil
}

var userinfo = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@`)

// StripUserinfo removes "user:password@" from every URL in s.
func StripUserinfo(s string) string { return userinfo.ReplaceAllString(s, "$1") }
