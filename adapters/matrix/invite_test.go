package matrix

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/sqlite"
)

// invite_allow means the same as on XMPP: empty is the bot's own server
// only (it used to mean anyone), "*" is anyone, and the rule in force is
// logged when the adapter is made.
func TestInviteAllowDefaultsToOwnServer(t *testing.T) {
	cases := []struct {
		allow []string
		rule  string
		want  map[id.UserID]bool
	}{
		{nil, ":example.org", map[id.UserID]bool{"@alice:example.org": true, "@eve:evil.org": false, "@eve:notexample.org": false}},
		{[]string{"*"}, "anyone", map[id.UserID]bool{"@alice:example.org": true, "@eve:evil.org": true}},
		{[]string{"@eve:evil.org", ":friends.org"}, "@eve:evil.org, :friends.org", map[id.UserID]bool{
			"@alice:example.org": false, "@eve:evil.org": true, "@bob:friends.org": true}},
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, c := range cases {
		var logs bytes.Buffer
		a, err := New(Options{Homeserver: "https://matrix.example.org", UserID: "@bot:example.org", Password: "pw",
			State: db, InviteAllow: c.allow, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(logs.String(), "invitations accepted from") || !strings.Contains(logs.String(), c.rule) {
			t.Errorf("allow %q: the effective rule %q is not logged:\n%s", c.allow, c.rule, logs.String())
		}
		for sender, want := range c.want {
			if got := a.inviteAllowed(sender); got != want {
				t.Errorf("allow %q: invite from %s accepted = %v, want %v", c.allow, sender, got, want)
			}
		}
	}
	if _, err := New(Options{Homeserver: "https://m.example.org", UserID: "@bot:example.org", Password: "pw",
		State: db, InviteAllow: []string{"*", "@a:b"}}); err == nil {
		t.Error(`"*" with other entries must be refused`)
	}
}
