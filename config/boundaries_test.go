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
