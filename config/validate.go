package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// invalid is one refused setting: the key locates its line in the file.
type invalid struct{ key, msg string }

// invalids is every refused setting of a file.
type invalids []invalid

func (es invalids) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.msg
	}
	return strings.Join(msgs, "; ")
}

// in names the file and line of each refused setting, one per line.
func (es invalids) in(path, text string) error {
	lines := keyLines(text)
	msgs := make([]string, len(es))
	for i, e := range es {
		if n := lineOfKey(lines, e.key); n > 0 {
			msgs[i] = fmt.Sprintf("%s:%d: %s", path, n, e.msg)
		} else {
			msgs[i] = fmt.Sprintf("%s: %s", path, e.msg)
		}
	}
	return fmt.Errorf("%s", strings.Join(msgs, "\n"))
}

// keyLines maps each key path set in a TOML text ("matrix.homeserver",
// "rooms[1].id", a table "mentors") to the first line setting it. It reads
// lines, not TOML: the text has already been decoded, so it is only
// asked where a known key is.
func keyLines(text string) map[string]int {
	lines := map[string]int{}
	set := func(key string, n int) {
		if _, ok := lines[key]; !ok {
			lines[key] = n
		}
	}
	table, arrays := "", map[string]int{}
	for i, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "[["):
			name, _, _ := strings.Cut(strings.TrimPrefix(t, "[["), "]]")
			name = unquote(name)
			table = fmt.Sprintf("%s[%d]", name, arrays[name])
			arrays[name]++
			set(table, i+1)
		case strings.HasPrefix(t, "["):
			name, _, _ := strings.Cut(strings.TrimPrefix(t, "["), "]")
			table = unquote(name)
			set(table, i+1)
		default:
			k, _, ok := strings.Cut(t, "=")
			if !ok || strings.HasPrefix(t, "#") {
				continue
			}
			key := unquote(k)
			if table != "" {
				key = table + "." + key
			}
			set(key, i+1)
		}
	}
	return lines
}

func unquote(k string) string {
	parts := strings.Split(strings.TrimSpace(k), ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

var lastPart = regexp.MustCompile(`(\[\d+\]|\.[^.\[\]]+)$`)

// lineOfKey is the line of key, else of the nearest enclosing key or
// table that the file sets; 0 when none is.
func lineOfKey(lines map[string]int, key string) int {
	for k := key; k != ""; k = lastPart.ReplaceAllString(k, "") {
		if n, ok := lines[k]; ok {
			return n
		}
		if !lastPart.MatchString(k) {
			break
		}
	}
	return 0
}

// adapterNames are the adapters a setting may name.
var adapterNames = []string{"console", "matrix", "xmpp"}

func (c *Config) adapterEnabled(name string) (known, enabled bool) {
	switch name {
	case "console":
		return true, c.Console.Enabled
	case "matrix":
		return true, c.Matrix.Enabled
	case "xmpp":
		return true, c.XMPP.Enabled
	}
	return false, false
}

// validateRanges refuses values that decode but cannot work: rooms on
// adapters that do not exist, thresholds that are never reached, negative
// rates, pulls every nanosecond.
func (c *Config) validateRanges(bad func(key, format string, args ...any)) {
	unknown := func(key, at, name string) bool {
		if known, _ := c.adapterEnabled(name); !known && name != "" {
			bad(at, "%s: unknown adapter %q (known: %s)", key, name, strings.Join(adapterNames, ", "))
			return true
		}
		return false
	}
	// A mentors' room must be read: the asker is told mentors were notified.
	mentorsRoom := func(key, at, name string) {
		if name == "" || unknown(key, at, name) {
			return
		}
		if _, on := c.adapterEnabled(name); !on {
			bad(at, "%s: adapter %q is not enabled: nobody would see the tickets", key, name)
		}
	}
	mentorsRoom("mentors.room", "mentors.room.adapter", c.Mentors.Room.Adapter)
	for name := range c.Mentors.IDs {
		unknown("mentors.ids", "mentors.ids."+name, name)
	}
	for name := range c.Bot.Admins {
		unknown("bot.admins", "bot.admins."+name, name)
	}
	for i, r := range c.Rooms {
		unknown(fmt.Sprintf("rooms[%d]", i), fmt.Sprintf("rooms[%d].adapter", i), r.Adapter)
	}
	for i, g := range c.Communities {
		at := fmt.Sprintf("communities[%d]", i)
		mentorsRoom(at+".mentors_room", at+".mentors_room", g.MentorsRoom.Adapter)
		for j, r := range g.Rooms {
			unknown(fmt.Sprintf("%s.rooms[%d]", at, j), at+".rooms", r.Adapter)
		}
		for name := range g.Mentors {
			unknown(at+".mentors", at+".mentors."+name, name)
		}
	}
	for i, r := range c.Announce.Rooms {
		unknown(fmt.Sprintf("announce.rooms[%d]", i), fmt.Sprintf("announce.rooms[%d]", i), r.Adapter)
	}

	unit := func(key string, v float64) bool {
		if !(v >= 0 && v <= 1) { // NaN too
			bad(key, "%s must be between 0 and 1 (0 = the built-in value), not %v", key, v)
			return false
		}
		return true
	}
	m := c.Matcher
	if unit("matcher.threshold", m.Threshold) && unit("matcher.suggest", m.Suggest) && m.Threshold > 0 && m.Suggest > m.Threshold {
		bad("matcher.suggest", "matcher.suggest must not be above matcher.threshold (%v > %v): every suggestion would be an answer", m.Suggest, m.Threshold)
	}

	rate := func(key string, v float64) {
		if !(v >= 0 && v <= 1e6) {
			bad(key, "%s must be 0 (off) or more, up to a million, not %v", key, v)
		}
	}
	burst := func(key string, v int) {
		if v < 0 {
			bad(key, "%s must be 0 or more, not %d", key, v)
		}
	}
	rl := c.RateLimit
	rate("ratelimit.user_per_minute", rl.UserPerMinute)
	rate("ratelimit.room_per_minute", rl.RoomPerMinute)
	burst("ratelimit.user_burst", rl.UserBurst)
	burst("ratelimit.room_burst", rl.RoomBurst)

	if p := c.Reload.GitPull.Duration; p > 0 && p < time.Minute {
		bad("reload.git_pull", "reload.git_pull must be at least 1m, not %v: a pull is a network round trip", p)
	}
	if repo := c.Reload.GitRepo; repo != "" && c.Reload.GitPull.Duration > 0 {
		if _, err := os.Stat(filepath.Join(repo, ".git")); err != nil {
			bad("reload.git_repo", "reload.git_repo: %s is not a git clone (no .git in it)", repo)
		}
	}
}

// checkHomeserver returns what is wrong with matrix.homeserver, or "".
func (c *Config) checkHomeserver() string {
	u, err := url.Parse(c.Matrix.Homeserver)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return "matrix.homeserver must be a URL like https://matrix.example.org"
	case u.User != nil:
		// it would end up in logs and error messages; secrets go in password or the environment
		return "matrix.homeserver must not contain a user name or password"
	case u.Scheme == "http" && !loopback(u.Hostname()) && !c.Matrix.InsecureHTTP:
		return "matrix.homeserver: http:// sends the password in clear to " + u.Hostname() +
			"; use https://, or set matrix.insecure_http = true on a network you trust"
	}
	return ""
}

// loopback reports whether host is this machine.
func loopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
