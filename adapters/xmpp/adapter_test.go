package xmpp

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"gosrc.io/xmpp/stanza"
)

func TestNewRejectsBadOptions(t *testing.T) {
	base := Options{JID: "bot@example.org", Password: "pw"}
	cases := []struct {
		edit func(*Options)
		want string
	}{
		{func(o *Options) { o.JID = "" }, "xmpp.jid is empty"},
		{func(o *Options) { o.JID = "example.org" }, "not an address"},
		{func(o *Options) { o.Password = "" }, "ENTRAIDE_XMPP_PASSWORD"},
		{func(o *Options) { o.Rooms = []string{"support"} }, `xmpp.rooms entry "support"`},
		{func(o *Options) { o.Rooms = []string{"support@conference.example.org/nick"} }, "must not have a /resource"},
		{func(o *Options) { o.InviteAllow = []string{"bob"} }, "xmpp.invite_allow entry"},
		{func(o *Options) { o.CAFile = "/nonexistent/ca.pem" }, "xmpp.ca_file"},
	}
	for _, c := range cases {
		o := base
		c.edit(&o)
		if _, err := New(o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", o, err, c.want)
		}
	}
	a, err := New(Options{JID: "Bot@Example.org/phone", Password: "pw", InviteAllow: []string{"@example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	if a.bare != "bot@example.org" || a.o.Resource != "phone" || a.o.Nick != "entraide" || a.Name() != "xmpp" {
		t.Fatalf("defaults: bare %q resource %q nick %q name %q", a.bare, a.o.Resource, a.o.Nick, a.Name())
	}
}

func TestInviteAllowList(t *testing.T) {
	a, err := New(Options{JID: "bot@example.org", Password: "pw", InviteAllow: []string{"Alice@Example.org", "@friends.org"}})
	if err != nil {
		t.Fatal(err)
	}
	for from, want := range map[string]bool{
		"alice@example.org/phone": true, "ALICE@example.org": true, "bob@friends.org/x": true,
		"bob@example.org": false, "alice@example.org.evil": false, "friends.org": false, "x@sub.friends.org": false,
	} {
		if got := a.mayInvite(from); got != want {
			t.Errorf("mayInvite(%q) = %v, want %v", from, got, want)
		}
	}
}

// invite_allow means the same as on Matrix: empty is the bot's own domain
// only (it used to mean nobody), "*" is anyone, and the rule in force is
// logged when the adapter is made.
func TestInviteAllowDefaultsToOwnDomain(t *testing.T) {
	var logs bytes.Buffer
	own, err := New(Options{JID: "bot@example.org", Password: "pw", Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if !own.mayInvite("alice@example.org/phone") || own.mayInvite("eve@evil.org") || own.mayInvite("eve@sub.example.org") {
		t.Error("an empty allow-list must accept the bot's own domain only")
	}
	if !strings.Contains(logs.String(), "invitations accepted from") || !strings.Contains(logs.String(), "invite_allow=@example.org") {
		t.Errorf("effective rule not logged:\n%s", logs.String())
	}
	logs.Reset()
	anyone, err := New(Options{JID: "bot@example.org", Password: "pw", InviteAllow: []string{"*"}, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if !anyone.mayInvite("eve@evil.org") || !strings.Contains(logs.String(), "invite_allow=anyone") {
		t.Errorf(`"*" must accept anyone and say so: %s`, logs.String())
	}
	if _, err := New(Options{JID: "bot@example.org", Password: "pw", InviteAllow: []string{"*", "a@b.org"}}); err == nil {
		t.Error(`"*" with other entries must be refused`)
	}
}

func TestNickForAMention(t *testing.T) {
	r := newRoom("support@conf.example.org", "entraide", "", false)
	r.occupants["alice"] = "alice@example.org"
	r.occupants["Bobby"] = "bob@example.org"
	r.occupants["anon"] = ""
	cases := []struct {
		u    bot.User
		want string
	}{
		{bot.User{ID: "alice@example.org", Name: "alice"}, "alice"},
		{bot.User{ID: "bob@example.org", Name: "bob"}, "Bobby"}, // renamed since: current nick
		{bot.User{ID: "support@conf.example.org/anon", Name: "anon"}, "anon"},
		{bot.User{ID: "carol@example.org"}, "carol"}, // not in the room
		{bot.User{ID: "dave@example.org", Name: "Dave"}, "Dave"},
	}
	for _, c := range cases {
		if got := r.nickFor(c.u); got != c.want {
			t.Errorf("nickFor(%+v) = %q, want %q", c.u, got, c.want)
		}
	}
}

func TestDedupKeys(t *testing.T) {
	now := time.Date(2025, 3, 1, 10, 0, 30, 0, time.UTC)
	msg := bot.Message{Room: bot.Room{ID: "support@conf.example.org"}, Sender: bot.User{ID: "alice@example.org"}}
	plain := stanza.Message{Attrs: stanza.Attrs{Id: "1"}, Body: "bonjour"}
	withSID := plain
	withSID.Extensions = []stanza.MsgExtension{&stanzaID{ID: "s1", By: "support@conf.example.org"}, &originID{ID: "o1"}}
	withOrigin := plain
	withOrigin.Extensions = []stanza.MsgExtension{&stanzaID{ID: "forged", By: "evil@example.org"}, &originID{ID: "o1"}}

	if k := dedupKeys(withSID, msg, "support@conf.example.org", now); len(k) != 1 || k[0] != "sid:support@conf.example.org:s1" {
		t.Errorf("stanza-id from the room: %v", k)
	}
	if k := dedupKeys(withOrigin, msg, "support@conf.example.org", now); len(k) != 1 || !strings.HasPrefix(k[0], "oid:") || !strings.HasSuffix(k[0], ":o1") {
		t.Errorf("a stanza-id from another entity must be ignored, origin-id used: %v", k)
	}
	other := msg
	other.Sender.ID = "mallory@example.org"
	if a, b := dedupKeys(withOrigin, msg, "", now), dedupKeys(withOrigin, other, "", now); a[0] == b[0] {
		t.Error("the same origin-id from two senders must not collide")
	}

	// Without ids: same content within the window collides, later not.
	k1 := dedupKeys(plain, msg, "", now)
	k2 := dedupKeys(plain, msg, "", now.Add(dedupWindow)) // next window: shares a key
	k3 := dedupKeys(plain, msg, "", now.Add(2*dedupWindow))
	if !shares(k1, k2) {
		t.Errorf("a copy one window later must be recognised: %v %v", k1, k2)
	}
	if shares(k1, k3) {
		t.Errorf("two windows later it is a new message: %v %v", k1, k3)
	}
	changed := plain
	changed.Body = "bonsoir"
	if shares(k1, dedupKeys(changed, msg, "", now)) {
		t.Error("a different body must not collide")
	}
}

func shares(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func TestBackoffGrowsWithinBounds(t *testing.T) {
	a, _ := New(Options{JID: "bot@example.org", Password: "pw", RetryMin: time.Second, RetryMax: 20 * time.Second})
	for n := 1; n <= 10; n++ {
		d := a.backoff(n)
		if d < 750*time.Millisecond || d > 25*time.Second {
			t.Fatalf("backoff(%d) = %s, outside [0.75 s, 25 s]", n, d)
		}
		if n == 6 && d < 15*time.Second {
			t.Fatalf("backoff(6) = %s, should have reached the cap", d)
		}
	}
	if d := a.backoff(0); d < 750*time.Millisecond || d > 1250*time.Millisecond {
		t.Fatalf("the pause right after a loss should be about RetryMin, got %s", d)
	}
}
