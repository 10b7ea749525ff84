package config

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
)

// Secrets that may come from the environment instead of the file; the
// environment wins so a file in git never has to hold them.
const (
	EnvMatrixPassword   = "ENTRAIDE_MATRIX_PASSWORD"
	EnvMatrixToken      = "ENTRAIDE_MATRIX_ACCESS_TOKEN"
	EnvMatrixPickle     = "ENTRAIDE_MATRIX_PICKLE_KEY"
	EnvXMPPPassword     = "ENTRAIDE_XMPP_PASSWORD"
	EnvDatabasePassword = "ENTRAIDE_DATABASE_PASSWORD"
	EnvWebSessionKey    = "ENTRAIDE_WEB_SESSION_KEY"
)

// Default is the configuration used when a key is absent.
func Default() *Config {
	return &Config{
		Bot: Bot{Name: "entraide", Language: "fr", FAQDir: "faq", AnnounceDir: "announcements",
			Database: "entraide.db", Timezone: "Europe/Paris", LogLevel: "info",
			SharedRooms: "questions"},
		Mentors: Mentors{RemindAfter: Duration{30 * time.Minute}, RemindEvery: Duration{time.Hour},
			ClaimedIdle: Duration{24 * time.Hour}, RetentionDays: 180},
		Announce:  Announce{TrainingOffsets: []Duration{{14 * 24 * time.Hour}, {2 * 24 * time.Hour}}, ServiceTime: "10:00"},
		RateLimit: RateLimit{UserPerMinute: 10, UserBurst: 5, RoomPerMinute: 60, RoomBurst: 20},
		Reload:    Reload{Watch: true, Debounce: Duration{500 * time.Millisecond}},
		Console:   Console{User: "vous", Room: "support"},
		Matrix:    Matrix{DeviceName: "entraide", Encryption: true},
		XMPP:      XMPP{Resource: "entraide", Nick: "entraide"},
		Web:       Web{Session: Duration{12 * time.Hour}},
	}
}

// Load reads path over the defaults, applies environment secrets, resolves
// relative paths against the file's folder and validates everything.
func Load(path string) (*Config, error) { return load(path, true) }

// LoadOffline is Load for maintenance commands that only read the database
// and files (tickets, report, announce): adapter secrets are not required,
// everything else is checked.
func LoadOffline(path string) (*Config, error) { return load(path, false) }

func load(path string, needSecrets bool) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("config %s: file not found (start from config.example.toml)", path)
		}
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	c := Default()
	c.path = path
	md, err := toml.Decode(string(data), c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			if strings.HasPrefix(pe.Message, "bad duration") && pe.LastKey != "" {
				// a value's own error: say which key holds it
				return nil, fmt.Errorf("%s:%d: %s: %s", path, pe.Position.Line, pe.LastKey, pe.Message)
			}
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		var msgs []string
		for _, k := range und {
			msgs = append(msgs, fmt.Sprintf("%s:%d: unknown key %q", path, lineOf(string(data), k), k.String()))
		}
		return nil, errors.New(strings.Join(msgs, "\n"))
	}
	c.applyEnv()
	c.resolvePaths(filepath.Dir(path))
	c.communityDefaults(filepath.Dir(path))
	if errs := c.validateCommunities(path, string(data)); len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	if errs := c.validate(needSecrets); len(errs) > 0 {
		return nil, errs.in(path, string(data))
	}
	return c, nil
}

// lineOf finds the line where the last part of key is set, for messages.
func lineOf(text string, key toml.Key) int {
	last := key[len(key)-1]
	for i, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, last) || strings.HasPrefix(t, `"`+last+`"`) || strings.Contains(t, "."+last) ||
			strings.Contains(t, "["+last+"]") || strings.Contains(t, " "+last+" ") || strings.Contains(t, "{"+last) {
			return i + 1
		}
	}
	return 1
}

func (c *Config) applyEnv() {
	set := func(dst *string, env string) {
		if v := os.Getenv(env); v != "" {
			*dst = v
		}
	}
	set(&c.Matrix.Password, EnvMatrixPassword)
	set(&c.Matrix.AccessToken, EnvMatrixToken)
	set(&c.Matrix.PickleKey, EnvMatrixPickle)
	set(&c.XMPP.Password, EnvXMPPPassword)
	set(&c.Bot.DatabasePassword, EnvDatabasePassword)
	set(&c.Web.SessionKey, EnvWebSessionKey)
}

func (c *Config) resolvePaths(base string) {
	abs := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(base, *p)
		}
	}
	abs(&c.Bot.FAQDir)
	abs(&c.Bot.AnnounceDir)
	if !IsDatabaseURL(c.Bot.Database) {
		abs(&c.Bot.Database)
	}
	abs(&c.Matcher.Calibration)
	abs(&c.Mentors.DraftsDir)
	abs(&c.XMPP.CAFile)
	abs(&c.Reload.GitRepo)
}

// Validate checks values that decoding cannot, secrets included.
func (c *Config) Validate() error {
	if errs := c.validate(true); len(errs) > 0 {
		return errs
	}
	return nil
}

func (c *Config) validate(needSecrets bool) invalids {
	var errs invalids
	bad := func(key, format string, args ...any) {
		errs = append(errs, invalid{key: key, msg: fmt.Sprintf(format, args...)})
	}
	if IsDatabaseURL(c.Bot.Database) {
		if msg := DatabaseURLProblem(c.Bot.Database); msg != "" {
			bad("bot.database", "bot.database: %s", msg)
		}
	}
	if c.Bot.Language != "fr" && c.Bot.Language != "en" {
		bad("bot.language", "bot.language must be fr or en, not %q", c.Bot.Language)
	}
	if _, err := time.LoadLocation(c.Bot.Timezone); err != nil {
		bad("bot.timezone", "bot.timezone %q: %v", c.Bot.Timezone, err)
	}
	if k := c.Web.SessionKey; k != "" && len(k) < 32 {
		bad("web.session_key", "web.session_key must be at least 32 characters (or unset, for a random key at each start), got %d", len(k))
	}
	if c.Web.Session.Duration < time.Minute {
		bad("web.session", "web.session must be at least 1m, not %s", c.Web.Session.Duration)
	}
	if c.Bot.SharedRooms != "questions" && c.Bot.SharedRooms != "all" {
		bad("bot.shared_rooms", "bot.shared_rooms must be questions or all, not %q", c.Bot.SharedRooms)
	}
	switch c.Bot.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("bot.log_level", "bot.log_level must be debug, info, warn or error, not %q", c.Bot.LogLevel)
	}
	if !c.Console.Enabled && !c.Matrix.Enabled && !c.XMPP.Enabled {
		bad("", "no adapter enabled: set enabled = true in [console], [matrix] or [xmpp]")
	}
	if c.Matrix.Enabled {
		if c.Matrix.Homeserver == "" || c.Matrix.UserID == "" {
			bad("matrix", "matrix.homeserver and matrix.user_id are required when [matrix] is enabled")
		}
		if c.Matrix.Homeserver != "" {
			if msg := c.checkHomeserver(); msg != "" {
				bad("matrix.homeserver", "%s", msg)
			}
		}
		if needSecrets && c.Matrix.Password == "" && c.Matrix.AccessToken == "" {
			bad("matrix", "matrix: missing secret: set %s or %s (or matrix.password / matrix.access_token)", EnvMatrixPassword, EnvMatrixToken)
		}
		if needSecrets && c.Matrix.Encryption && c.Matrix.PickleKey == "" {
			bad("matrix", "matrix: missing secret: encryption needs a pickle key; set %s (or matrix.pickle_key)", EnvMatrixPickle)
		}
	}
	if c.XMPP.Enabled {
		if c.XMPP.JID == "" {
			bad("xmpp", "xmpp.jid is required when [xmpp] is enabled")
		}
		if needSecrets && c.XMPP.Password == "" {
			bad("xmpp", "xmpp: missing secret: set %s (or xmpp.password)", EnvXMPPPassword)
		}
	}
	if r, bad1 := badNameRune(c.Bot.Name); bad1 {
		bad("bot.name", "bot.name must be plain text: it holds U+%04X (a control, invisible or bidirectional character, or markup)", r)
	}
	if c.Mentors.RetentionDays < 0 {
		bad("mentors.retention_days", "mentors.retention_days must be 0 (keep forever) or more, not %d", c.Mentors.RetentionDays)
	}
	if c.Reload.GitPull.Duration > 0 && c.Reload.GitRepo == "" {
		bad("reload.git_pull", "reload.git_pull needs reload.git_repo (the folder of the git clone to pull)")
	}
	if r := c.Mentors.Room; (r.Adapter == "") != (r.ID == "") {
		bad("mentors.room", "mentors.room needs both adapter and id")
	}
	for i, r := range c.Rooms {
		if r.Adapter == "" || r.ID == "" {
			bad(fmt.Sprintf("rooms[%d]", i), "rooms[%d] needs adapter and id", i)
		}
		if r.Language != "" && r.Language != "fr" && r.Language != "en" {
			bad(fmt.Sprintf("rooms[%d].language", i), "rooms[%d].language must be fr or en", i)
		}
	}
	c.validateRanges(bad)
	return errs
}

// maxDuration bounds every configured duration: anything longer is a
// typo, and days beyond it overflow a time.Duration.
const maxDuration = 10 * 365 * 24 * time.Hour

// ParseDuration accepts Go durations plus a "d" suffix for days ("14d"),
// from zero to ten years.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	usage := fmt.Errorf("bad duration %q: use forms like 30m, 2h or 14d", s)
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.ParseFloat(n, 64)
		if err != nil || math.IsNaN(days) {
			return 0, usage
		}
		if math.Abs(days) > float64(maxDuration/(24*time.Hour)) {
			return 0, fmt.Errorf("bad duration %q: more than 10 years", s)
		}
		d = time.Duration(days * float64(24*time.Hour))
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, usage
		}
	}
	switch {
	case d < 0:
		return 0, fmt.Errorf("bad duration %q: it must not be negative", s)
	case d > maxDuration:
		return 0, fmt.Errorf("bad duration %q: more than 10 years", s)
	}
	return d, nil
}

// badNameRune finds in the bot's name a character that would hide or
// disguise it where it is shown: controls, invisible and bidirectional
// format characters, and angle brackets of markup.
func badNameRune(name string) (rune, bool) {
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '<' || r == '>' {
			return r, true
		}
	}
	return 0, false
}
