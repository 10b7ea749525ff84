package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
)

func writeXMPPConfig(t *testing.T, srv *testenv.Prosody, password string) string {
	t.Helper()
	entry := "---\nlang: fr\ntitle: \"Horaires de la permanence\"\nquestions:\n  - \"Quels sont les horaires de la permanence ?\"\n---\nLe mercredi de 17 h à 19 h.\n"
	cfg := fmt.Sprintf(`[bot]
faq_dir = "faq"
database = "entraide.db"
log_level = "debug"

[xmpp]
enabled = true
address = %q
jid = %q
resource = "bot"
nick = "entraide"
rooms = [%q]
ca_file = %q
`, srv.Addr, srv.JID("bot"), srv.Room("support"), srv.CAFile)
	path := writeRunDir(t, entry, cfg)
	t.Setenv("ENTRAIDE_XMPP_PASSWORD", password)
	return path
}

// entraide run with [xmpp] enabled answers in the configured room; the
// password comes from the environment and never shows in the log.
func TestRunWithXMPP(t *testing.T) {
	srv := testenv.StartProsody(t, testenv.ProsodyOptions{Users: map[string]string{"bot": "s3cret-pw", "alice": "alicepass"}})
	path := writeXMPPConfig(t, srv, "s3cret-pw")
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs testkit.Buffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs}, []string{"run", "--config", path})
	}()
	defer func() {
		cancel()
		select {
		case c := <-code:
			if c != 0 {
				t.Errorf("exit %d:\n%s", c, errs.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("entraide run did not stop")
		}
		if strings.Contains(errs.String(), "s3cret-pw") {
			t.Error("the password appears in the log")
		}
	}()

	support := srv.Room("support")
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)
	// The bot may join after alice: wait for its presence, then ask.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(errs.String(), "joined room") {
		if time.Now().After(deadline) {
			t.Fatalf("the bot did not join %s:\n%s", support, errs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	alice.Say(support, "Quels sont les horaires de la permanence ?")
	if got := alice.Next(support+"/entraide", 5*time.Second).Body; got != "alice: Le mercredi de 17 h à 19 h." {
		t.Fatalf("answer = %q", got)
	}
}

func TestRunWithXMPPWrongPassword(t *testing.T) {
	srv := testenv.StartProsody(t, testenv.ProsodyOptions{Users: map[string]string{"bot": "right"}})
	path := writeXMPPConfig(t, srv, "wrong")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out, errs testkit.Buffer
	c := run(ctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs}, []string{"run", "--config", path})
	if c != 1 || !strings.Contains(errs.String(), "cannot log in as bot@localhost") || !strings.Contains(errs.String(), "refused the password") {
		t.Fatalf("exit %d, want a clear login error:\n%s", c, errs.String())
	}
}

// writeRunDir makes a folder for entraide run: faq/permanence.md holding
// entry and entraide.toml holding cfg. It returns the config file's path.
func writeRunDir(t *testing.T, entry, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	testkit.WriteFile(t, filepath.Join(dir, "faq", "permanence.md"), entry)
	path := filepath.Join(dir, "entraide.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
