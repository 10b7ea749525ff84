package config

import (
	"strings"
	"testing"
)

// Each rule of validation refuses the first bad value and accepts the
// boundary: a value off by one in either direction is a bug that shows up
// later, at run time, with a vaguer message.
func TestValidationBoundaries(t *testing.T) {
	const base = "[console]\nenabled = true\n"
	for _, c := range []struct {
		body, want string // want "" = accepted
	}{
		{"[mentors]\nretention_days = 0\n", ""},
		{"[mentors]\nretention_days = 1\n", ""},
		{"[mentors]\nretention_days = -1\n", "mentors.retention_days must be 0 (keep forever) or more, not -1"},
		{"[mentors.room]\nadapter = \"console\"\nid = \"mentors\"\n", ""},
		{"[mentors.room]\nadapter = \"console\"\n", "mentors.room needs both adapter and id"},
		{"[mentors.room]\nid = \"mentors\"\n", "mentors.room needs both adapter and id"},
		{"[[rooms]]\nadapter = \"console\"\nid = \"support\"\nlanguage = \"en\"\n", ""},
		{"[[rooms]]\nadapter = \"console\"\nid = \"support\"\nlanguage = \"de\"\n", "rooms[0].language must be fr or en"},
		{"[[rooms]]\nadapter = \"console\"\n", "rooms[0] needs adapter and id"},
		{"[reload]\ngit_pull = \"5m\"\n", "reload.git_pull needs reload.git_repo"},
		{"[bot]\nshared_rooms = \"some\"\n", "bot.shared_rooms must be questions or all"},
		{"[bot]\nlog_level = \"trace\"\n", "bot.log_level must be"},
	} {
		_, err := Load(write(t, base+c.body))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q refused: %v", c.body, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q: want %q, got %v", c.body, c.want, err)
		}
	}
}

// Every kind of secret the config can hold is handed to the log redactor:
// passwords, tokens, the Matrix pickle key, the web session key, and the
// password written in a database URL as well as the one from the environment.
func TestSecretsCoverEveryKind(t *testing.T) {
	c := Default()
	c.Matrix.Password, c.Matrix.AccessToken, c.Matrix.PickleKey = "mx-pass", "mx-token", "mx-pickle"
	c.XMPP.Password = "xmpp-pass"
	c.Bot.DatabasePassword = "env-db-pass"
	c.Bot.Database = "postgres://entraide:url-db-pass@127.0.0.1/entraide"
	c.Web.SessionKey = "web-session-key"
	got := strings.Join(c.Secrets(), " ")
	for _, s := range []string{"mx-pass", "mx-token", "mx-pickle", "xmpp-pass", "env-db-pass", "url-db-pass", "web-session-key"} {
		if !strings.Contains(got, s) {
			t.Errorf("%s is not among the secrets to redact: %q", s, got)
		}
	}
}

// An adapter enabled without its secret is refused at start, naming the
// environment variable to set, rather than failing at login.
func TestXMPPWithoutPasswordIsRefused(t *testing.T) {
	t.Setenv(EnvXMPPPassword, "")
	body := "[xmpp]\nenabled = true\njid = \"bot@example.org\"\n"
	if _, err := Load(write(t, body)); err == nil || !strings.Contains(err.Error(), EnvXMPPPassword) {
		t.Fatalf("want a missing-secret error naming %s, got %v", EnvXMPPPassword, err)
	}
	t.Setenv(EnvXMPPPassword, "pw")
	if _, err := Load(write(t, body)); err != nil {
		t.Fatal(err)
	}
}

// Durations: "NaNd" is not a number (a NaN turned into a duration is
// whatever the processor makes of it), and a git pull is a network round
// trip: once a minute at most.
func TestDurationEdges(t *testing.T) {
	if _, err := ParseDuration("NaNd"); err == nil || !strings.Contains(err.Error(), "use forms like") {
		t.Errorf("NaNd: want a bad-form error, got %v", err)
	}
	const base = "[console]\nenabled = true\n[reload]\ngit_repo = \".\"\n"
	if _, err := Load(write(t, base+"git_pull = \"30s\"\n")); err == nil || !strings.Contains(err.Error(), "reload.git_pull must be at least 1m") {
		t.Errorf("git_pull 30s: got %v", err)
	}
	if _, err := Load(write(t, base+"git_pull = \"1m\"\n")); err != nil && strings.Contains(err.Error(), "git_pull must be") {
		t.Errorf("git_pull 1m refused: %v", err)
	}
}
