package config

import (
	"strings"
	"testing"
)

func TestLoadOfflineNeedsNoAdapterSecrets(t *testing.T) {
	body := "[matrix]\nenabled = true\nhomeserver = \"http://127.0.0.1:1\"\nuser_id = \"@b:localhost\"\n" +
		"[xmpp]\nenabled = true\njid = \"bot@localhost\"\n"
	t.Setenv(EnvMatrixPassword, "")
	t.Setenv(EnvMatrixToken, "")
	t.Setenv(EnvMatrixPickle, "")
	t.Setenv(EnvXMPPPassword, "")
	p := write(t, body)
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "missing secret") {
		t.Fatalf("run needs the secrets, got %v", err)
	}
	c, err := LoadOffline(p)
	if err != nil {
		t.Fatalf("offline commands must not need secrets: %v", err)
	}
	if !strings.HasSuffix(c.Bot.Database, "entraide.db") {
		t.Fatalf("database path not read: %s", c.Bot.Database)
	}
	// Everything else is still checked.
	if _, err := LoadOffline(write(t, body+"[bot]\nlanguage = \"de\"\n")); err == nil || !strings.Contains(err.Error(), "bot.language") {
		t.Fatalf("offline load must still validate, got %v", err)
	}
}
