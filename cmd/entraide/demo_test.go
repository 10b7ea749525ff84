package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/example"
)

// testDemoConfig is the demo's configuration on a temporary database.
func testDemoConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := demoConfig(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// newDemoApp builds the demo's app (example FAQ and announcements) on a
// temporary database, without running it; it is closed when the test ends.
func newDemoApp(t *testing.T) *app {
	t.Helper()
	a, err := newApp(context.Background(), testDemoConfig(t), quietEnv(), example.FAQ(), demoAnnouncements())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	return a
}

// quietEnv reads nothing and discards all output.
func quietEnv() *env {
	return &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
}

// runCLI runs the entraide command in-process with stdin and returns
// stdout, stderr and the exit code.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), code
}

func TestDemoScriptedSession(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	out, errs, code := runCLI(t, "bonjour\ncombien coûte la formation ?\n", "demo", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// Scheduled announcements may be posted in between once their dates come
	// due, so look for the two replies in order rather than at fixed lines.
	welcome := strings.Index(out, "[support] entraide: vous: Bonjour")
	price := strings.Index(out, "250 €")
	if welcome < 0 || price < 0 || price < welcome {
		t.Fatalf("want the welcome, then the training price answer:\n%s", out)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("demo must keep its database file: %v", err)
	}
}

func TestConsoleRoleSwitching(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	out, _, code := runCLI(t, "/as alice\n/room dm-alice\n!aide\n/who\n", "demo", "--db", db)
	if code != 0 {
		t.Fatal(code)
	}
	if !strings.Contains(out, "[dm-alice] entraide: alice: ") || !strings.Contains(out, "you are alice in [dm-alice]") {
		t.Fatalf("name and room did not switch:\n%s", out)
	}
}

func TestRunConfigErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct{ name, body, want string }{
		{"bad.toml", "[bot]\nname = \"x\"\nlanguage = \n", "bad.toml:3"},
		{"unknown.toml", "[bot]\nname = \"x\"\ncolour = \"blue\"\n[console]\nenabled = true\n", "unknown.toml:3: unknown key \"bot.colour\""},
		{"secret.toml", "[xmpp]\nenabled = true\njid = \"bot@example.org\"\n", "ENTRAIDE_XMPP_PASSWORD"},
		{"noadapter.toml", "[bot]\nname = \"x\"\n", "no adapter enabled"},
	}
	for _, c := range cases {
		t.Setenv("ENTRAIDE_XMPP_PASSWORD", "")
		_, errs, code := runCLI(t, "", "run", "--config", write(c.name, c.body))
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, want %q in:\n%s", c.name, code, c.want, errs)
		}
	}
	_, errs, code := runCLI(t, "", "run", "--config", filepath.Join(dir, "missing.toml"))
	if code != 1 || !strings.Contains(errs, "missing.toml: file not found") {
		t.Errorf("missing file: %d %s", code, errs)
	}
	_, errs, code = runCLI(t, "", "run")
	if code != 2 || !strings.Contains(errs, "Usage: entraide run") {
		t.Errorf("missing flag must print usage: %d %s", code, errs)
	}
}

func TestHelpAndVersion(t *testing.T) {
	out, _, code := runCLI(t, "", "help")
	if code != 0 || !strings.Contains(out, "demo") || !strings.Contains(out, "run") {
		t.Fatalf("help: %d %s", code, out)
	}
	out, _, _ = runCLI(t, "", "help", "demo")
	if !strings.Contains(out, "Usage: entraide demo") {
		t.Fatalf("help demo: %s", out)
	}
	out, _, _ = runCLI(t, "", "version")
	if !strings.HasPrefix(out, "entraide ") {
		t.Fatalf("version: %s", out)
	}
	_, errs, code := runCLI(t, "", "frobnicate")
	if code != 2 || !strings.Contains(errs, "unknown command") {
		t.Fatalf("unknown: %d %s", code, errs)
	}
}
