package config

import (
	"path/filepath"
	"strings"
	"testing"
)

const twoCommunities = `[console]
enabled = true

[[communities]]
name = "alpha"
faq_dir = "alpha-faq"
rooms = [ { adapter = "xmpp", id = "a@muc.localhost", language = "en" } ]
mentors = { xmpp = ["bob@localhost"] }
mentors_room = { adapter = "console", id = "a-mentors" }

[[communities]]
name = "beta"
language = "en"
rooms = [ { adapter = "matrix", id = "!b:localhost" } ]
mentors = { matrix = ["@carol:localhost"] }
mentors_room = { adapter = "console", id = "b-mentors" }
calibration = "beta/cal.json"
`

func TestCommunitiesDecodeWithDefaults(t *testing.T) {
	path := write(t, twoCommunities)
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	gs := c.Groups()
	if len(gs) != 2 || gs[0].Name != "alpha" || gs[1].Name != "beta" {
		t.Fatalf("groups %+v", gs)
	}
	dir := filepath.Dir(path)
	if gs[0].FAQDir != filepath.Join(dir, "alpha-faq") || gs[1].FAQDir != filepath.Join(dir, "beta", "faq") {
		t.Fatalf("faq dirs %q %q", gs[0].FAQDir, gs[1].FAQDir)
	}
	if gs[1].AnnounceDir != filepath.Join(dir, "beta", "announcements") || gs[1].Calibration != filepath.Join(dir, "beta", "cal.json") {
		t.Fatalf("beta paths %+v", gs[1])
	}
	if gs[0].Language != "fr" || gs[1].Language != "en" {
		t.Fatalf("languages %q %q", gs[0].Language, gs[1].Language)
	}
	if gs[0].Line() != 4 || gs[1].Line() != 11 {
		t.Fatalf("lines %d %d", gs[0].Line(), gs[1].Line())
	}
	if _, err := c.Community(""); err == nil || !strings.Contains(err.Error(), "--community") {
		t.Fatalf("no name with two communities: %v", err)
	}
	if g, err := c.Community("beta"); err != nil || g.Mentors["matrix"][0] != "@carol:localhost" {
		t.Fatalf("beta: %+v %v", g, err)
	}
	if _, err := c.Community("gamma"); err == nil || !strings.Contains(err.Error(), "alpha, beta") {
		t.Fatalf("unknown community: %v", err)
	}
}

// Without [[communities]] the top-level settings make one unnamed
// community, as before communities existed.
func TestImplicitCommunity(t *testing.T) {
	c, err := Load(write(t, "[console]\nenabled = true\n[mentors]\nroom = { adapter = \"console\", id = \"m\" }\nids = { console = [\"bob\"] }\n"))
	if err != nil {
		t.Fatal(err)
	}
	gs := c.Groups()
	if len(gs) != 1 || gs[0].Name != "" || gs[0].FAQDir != c.Bot.FAQDir || gs[0].MentorsRoom.ID != "m" || gs[0].Mentors["console"][0] != "bob" {
		t.Fatalf("implicit community %+v", gs)
	}
	if g, err := c.Community(""); err != nil || g.FAQDir != c.Bot.FAQDir {
		t.Fatalf("Community(\"\") = %+v, %v", g, err)
	}
}

func TestCommunityMistakesNameFileAndLine(t *testing.T) {
	alphaRooms := `rooms = [ { adapter = "xmpp", id = "a@muc.localhost", language = "en" } ]`
	alphaMentors := `mentors_room = { adapter = "console", id = "a-mentors" }`
	for _, tc := range []struct{ name, old, new, want string }{
		{"room in two", alphaRooms, `rooms = [ { adapter = "matrix", id = "!b:localhost" } ]`,
			`:14: room matrix:!b:localhost is in community "beta" and in "alpha" (line 4)`},
		{"no rooms", `rooms = [ { adapter = "matrix", id = "!b:localhost" } ]`, ``,
			`:11: community "beta" has no rooms`},
		{"empty rooms", `rooms = [ { adapter = "matrix", id = "!b:localhost" } ]`, `rooms = []`,
			`:14: community "beta" has no rooms`},
		{"shared mentors' room", alphaMentors, `mentors_room = { adapter = "console", id = "b-mentors" }`,
			`:16: communities "beta" and "alpha" (line 4) share the mentors' room console:b-mentors`},
		{"mentors' room is a members' room", alphaMentors, `mentors_room = { adapter = "matrix", id = "!b:localhost" }`,
			`:9: the mentors' room of community "alpha" is matrix:!b:localhost, a room of community "beta"`},
		{"duplicate name", `name = "alpha"`, `name = "beta"`, `:12: community "beta" is already defined at line 4`},
		{"bad name", `name = "beta"`, `name = "Beta Asso"`, `:12: community name "Beta Asso"`},
		{"leftover mentors", "[console]", "[mentors]\nids = { xmpp = [\"x@localhost\"] }\n[console]",
			`:2: mentors.ids is per community`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := write(t, strings.Replace(twoCommunities, tc.old, tc.new, 1))
			_, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), path+tc.want) {
				t.Fatalf("want %q, got %v", path+tc.want, err)
			}
		})
	}
}
