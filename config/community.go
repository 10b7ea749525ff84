package config

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// Community is one [[communities]] block: a group served by the shared bot
// with its own rooms, FAQ, announcements and mentors. The bot-wide sections
// ([bot] database and listen, the adapters, [ratelimit]) stay shared.
type Community struct {
	Name        string              `toml:"name"`
	Language    string              `toml:"language"`
	FAQDir      string              `toml:"faq_dir"`
	AnnounceDir string              `toml:"announce_dir"`
	Rooms       []Room              `toml:"rooms"`
	Mentors     map[string][]string `toml:"mentors"`
	MentorsRoom RoomRef             `toml:"mentors_room"`
	DraftsDir   string              `toml:"drafts_dir"`
	Calibration string              `toml:"calibration"`
	GitRepo     string              `toml:"git_repo"`

	line int // line of its [[communities]] header, for messages
}

// Line is the line of the block's [[communities]] header (0 for the
// implicit community).
func (c Community) Line() int { return c.line }

// communityName is what may follow /c/ in a URL and --community.
var communityName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// Groups is the list of communities the bot serves. Without
// [[communities]] it is one implicit community, named after the bot, made
// of the top-level settings: every room, [mentors], [bot] folders and
// [matcher] calibration, exactly as before communities existed.
func (c *Config) Groups() []Community {
	if len(c.Communities) > 0 {
		return c.Communities
	}
	return []Community{{
		Name:        "",
		Language:    c.Bot.Language,
		FAQDir:      c.Bot.FAQDir,
		AnnounceDir: c.Bot.AnnounceDir,
		Rooms:       c.Rooms,
		Mentors:     c.Mentors.IDs,
		MentorsRoom: c.Mentors.Room,
		DraftsDir:   c.Mentors.DraftsDir,
		Calibration: c.Matcher.Calibration,
		GitRepo:     c.Reload.GitRepo,
	}}
}

// Community returns the community called name; "" is the first one, which
// is also the only one without [[communities]].
func (c *Config) Community(name string) (Community, error) {
	gs := c.Groups()
	if name == "" {
		if len(gs) > 1 {
			return Community{}, fmt.Errorf("the config has %d communities (%s): say which with --community NAME", len(gs), strings.Join(c.CommunityNames(), ", "))
		}
		return gs[0], nil
	}
	for _, g := range gs {
		if g.Name == name {
			return g, nil
		}
	}
	if len(c.Communities) == 0 {
		return Community{}, fmt.Errorf("no community %q: the config has no [[communities]]", name)
	}
	return Community{}, fmt.Errorf("no community %q: the config has %s", name, strings.Join(c.CommunityNames(), ", "))
}

// CommunityNames lists the configured communities' names, in file order.
func (c *Config) CommunityNames() []string {
	var out []string
	for _, g := range c.Communities {
		out = append(out, g.Name)
	}
	return out
}

// communityDefaults fills what a block leaves out from the bot-wide
// settings and resolves its paths against the config file's folder.
func (c *Config) communityDefaults(base string) {
	for i := range c.Communities {
		g := &c.Communities[i]
		if g.Language == "" {
			g.Language = c.Bot.Language
		}
		if g.FAQDir == "" && g.Name != "" {
			g.FAQDir = filepath.Join(g.Name, "faq")
		}
		if g.AnnounceDir == "" && g.Name != "" {
			g.AnnounceDir = filepath.Join(g.Name, "announcements")
		}
		for _, p := range []*string{&g.FAQDir, &g.AnnounceDir, &g.DraftsDir, &g.Calibration, &g.GitRepo} {
			if *p != "" && !filepath.IsAbs(*p) {
				*p = filepath.Join(base, *p)
			}
		}
	}
}

// headerLines finds the line of each [[communities]] header in text.
func headerLines(text string) []int {
	var out []int
	for i, l := range strings.Split(text, "\n") {
		t := strings.Join(strings.Fields(l), "")
		if strings.HasPrefix(t, "[[communities]]") {
			out = append(out, i+1)
		}
	}
	return out
}

// keyLine is the line where key is set inside the block starting at start
// (the block runs to the next table header), else start.
func keyLine(text string, start int, key string) int {
	lines := strings.Split(text, "\n")
	for i := start; i < len(lines); i++ { // lines[start] is the line after the header
		t := strings.TrimSpace(lines[i])
		if strings.HasPrefix(t, "[") {
			break
		}
		if strings.HasPrefix(t, key) && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(t, key)), "=") {
			return i + 1
		}
	}
	return start
}

// validateCommunities checks the blocks: each has a unique name and at
// least one room, no room belongs to two communities, no two communities
// share a mentors' room, and no top-level room or mentor setting is left
// over that no community would use. Messages start with path:line.
func (c *Config) validateCommunities(path, text string) []string {
	if len(c.Communities) == 0 {
		return nil
	}
	heads := headerLines(text)
	var errs []string
	for i := range c.Communities {
		if i < len(heads) {
			c.Communities[i].line = heads[i]
		}
	}
	at := func(g Community, key string) string {
		line := g.line
		if key != "" && line > 0 {
			line = keyLine(text, line, key)
		}
		return fmt.Sprintf("%s:%d", path, line)
	}
	names := map[string]Community{}
	owner := map[string]Community{} // room key → community
	mentorsRooms := map[string]Community{}
	for _, g := range c.Communities {
		switch prev, dup := names[g.Name]; {
		case !communityName.MatchString(g.Name):
			errs = append(errs, fmt.Sprintf("%s: community name %q: use lower-case letters, digits, - and _ (it appears in URLs and --community)", at(g, "name"), g.Name))
		case dup:
			errs = append(errs, fmt.Sprintf("%s: community %q is already defined at line %d", at(g, "name"), g.Name, prev.line))
		}
		names[g.Name] = g
		if g.Language != "fr" && g.Language != "en" {
			errs = append(errs, fmt.Sprintf("%s: community %q: language must be fr or en, not %q", at(g, "language"), g.Name, g.Language))
		}
		if len(g.Rooms) == 0 {
			errs = append(errs, fmt.Sprintf("%s: community %q has no rooms: list its rooms in rooms = [{ adapter = ..., id = ... }]", at(g, "rooms"), g.Name))
		}
		for j, r := range g.Rooms {
			if r.Adapter == "" || r.ID == "" {
				errs = append(errs, fmt.Sprintf("%s: community %q: rooms[%d] needs adapter and id", at(g, "rooms"), g.Name, j))
				continue
			}
			if r.Language != "" && r.Language != "fr" && r.Language != "en" {
				errs = append(errs, fmt.Sprintf("%s: community %q: rooms[%d].language must be fr or en", at(g, "rooms"), g.Name, j))
			}
			k := r.Adapter + ":" + r.ID
			if prev, dup := owner[k]; dup && prev.Name != g.Name {
				errs = append(errs, fmt.Sprintf("%s: room %s is in community %q and in %q (line %d): a room belongs to one community", at(g, "rooms"), k, g.Name, prev.Name, prev.line))
			}
			owner[k] = g
		}
		mr := g.MentorsRoom
		if (mr.Adapter == "") != (mr.ID == "") {
			errs = append(errs, fmt.Sprintf("%s: community %q: mentors_room needs both adapter and id", at(g, "mentors_room"), g.Name))
		}
		if mr.ID != "" {
			k := mr.Adapter + ":" + mr.ID
			if prev, dup := mentorsRooms[k]; dup {
				errs = append(errs, fmt.Sprintf("%s: communities %q and %q (line %d) share the mentors' room %s: each community's mentors need their own", at(g, "mentors_room"), g.Name, prev.Name, prev.line, k))
			}
			mentorsRooms[k] = g
		}
	}
	for _, g := range c.Communities {
		k := g.MentorsRoom.Adapter + ":" + g.MentorsRoom.ID
		if o, ok := owner[k]; ok && g.MentorsRoom.ID != "" {
			errs = append(errs, fmt.Sprintf("%s: the mentors' room of community %q is %s, a room of community %q: members would see the mentors' notices", at(g, "mentors_room"), g.Name, k, o.Name))
		}
	}
	// Top-level settings a community block replaces would be silently
	// ignored: refuse them instead.
	leftover := func(key string, set bool) {
		if set {
			errs = append(errs, fmt.Sprintf("%s:%d: %s is per community when [[communities]] is used: move it into each block", path, topLine(text, key), key))
		}
	}
	leftover("[[rooms]]", len(c.Rooms) > 0)
	leftover("mentors.ids", len(c.Mentors.IDs) > 0)
	leftover("mentors.room", c.Mentors.Room.ID != "")
	leftover("mentors.drafts_dir", c.Mentors.DraftsDir != "")
	leftover("matcher.calibration", c.Matcher.Calibration != "")
	leftover("reload.git_repo", c.Reload.GitRepo != "")
	leftover("announce.rooms", len(c.Announce.Rooms) > 0)
	return errs
}

// topLine is the line of a top-level setting named like "mentors.ids" or
// "[[rooms]]", for messages.
func topLine(text, key string) int {
	section, name, _ := strings.Cut(key, ".")
	lines := strings.Split(text, "\n")
	in := false
	for i, l := range lines {
		t := strings.Join(strings.Fields(l), "")
		if strings.HasPrefix(t, "[") {
			if t == section || strings.HasPrefix(t, section+"#") {
				return i + 1
			}
			in = t == "["+section+"]" || strings.HasPrefix(t, "["+section+"]#")
			continue
		}
		if in && strings.HasPrefix(t, name+"=") {
			return i + 1
		}
	}
	return 1
}
