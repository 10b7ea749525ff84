package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSecretsListsOnlySetValues(t *testing.T) {
	c := Default()
	c.Matrix.AccessToken = "tok"
	c.XMPP.Password = "pw"
	if got := strings.Join(c.Secrets(), ","); got != "tok,pw" {
		t.Fatalf("secrets %q", got)
	}
}

func TestGitPullNeedsARepository(t *testing.T) {
	c := Default()
	c.Console.Enabled = true
	c.Reload.GitPull = Duration{10 * time.Minute}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "reload.git_pull needs reload.git_repo") {
		t.Fatalf("got %v", err)
	}
	c.Reload.GitRepo = t.TempDir()
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "is not a git clone") {
		t.Fatalf("got %v", err)
	}
	if err := os.Mkdir(filepath.Join(c.Reload.GitRepo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}
