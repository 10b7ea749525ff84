package config

import (
	"time"
)

// Config is the whole configuration file.
type Config struct {
	Bot       Bot       `toml:"bot"`
	Mentors   Mentors   `toml:"mentors"`
	Matcher   Matcher   `toml:"matcher"`
	Announce  Announce  `toml:"announce"`
	RateLimit RateLimit `toml:"ratelimit"`
	Reload    Reload    `toml:"reload"`
	Rooms     []Room    `toml:"rooms"`
	Console   Console   `toml:"console"`
	Matrix    Matrix    `toml:"matrix"`
	XMPP      XMPP      `toml:"xmpp"`
	Web       Web       `toml:"web"`
	// Communities, when present, split the bot between groups; see Groups.
	Communities []Community `toml:"communities"`

	path string
}

// Path is the file the config was read from ("" for defaults).
func (c *Config) Path() string { return c.path }

// Bot is the [bot] section.
type Bot struct {
	Name        string `toml:"name"`
	Language    string `toml:"language"`
	FAQDir      string `toml:"faq_dir"`
	AnnounceDir string `toml:"announce_dir"`
	Database    string `toml:"database"`
	// DatabasePassword is the Postgres password from the environment
	// (EnvDatabasePassword); it replaces one written in the URL.
	DatabasePassword string              `toml:"-"`
	Timezone         string              `toml:"timezone"`
	Listen           string              `toml:"listen"`
	LogLevel         string              `toml:"log_level"`
	SharedRooms      string              `toml:"shared_rooms"`
	Admins           map[string][]string `toml:"admins"`
}

// Web is the [web] section: the mentors' web page.
type Web struct {
	Listen     string   `toml:"listen"`      // e.g. "127.0.0.1:8081"; empty = off
	SessionKey string   `toml:"session_key"` // signs session cookies; empty = random at each start
	Session    Duration `toml:"session"`     // how long a login lasts
}

// RoomRef names a room on one adapter.
type RoomRef struct {
	Adapter string `toml:"adapter"`
	ID      string `toml:"id"`
}

// Mentors is the [mentors] section.
type Mentors struct {
	IDs           map[string][]string `toml:"ids"`
	Room          RoomRef             `toml:"room"`
	RemindAfter   Duration            `toml:"remind_after"`
	RemindEvery   Duration            `toml:"remind_every"`
	ClaimedIdle   Duration            `toml:"claimed_idle"`
	RetentionDays int                 `toml:"retention_days"`
	DraftsDir     string              `toml:"drafts_dir"`
}

// Matcher is the [matcher] section.
type Matcher struct {
	Threshold   float64 `toml:"threshold"`
	Suggest     float64 `toml:"suggest"`
	Calibration string  `toml:"calibration"`
}

// Announce is the [announce] section.
type Announce struct {
	Rooms           []RoomRef  `toml:"rooms"`
	TrainingOffsets []Duration `toml:"training_offsets"`
	ServiceTime     string     `toml:"service_time"`
}

// RateLimit is the [ratelimit] section.
type RateLimit struct {
	UserPerMinute float64 `toml:"user_per_minute"`
	UserBurst     int     `toml:"user_burst"`
	RoomPerMinute float64 `toml:"room_per_minute"`
	RoomBurst     int     `toml:"room_burst"`
}

// Reload is the [reload] section.
type Reload struct {
	Watch    bool     `toml:"watch"`
	GitPull  Duration `toml:"git_pull"`
	GitRepo  string   `toml:"git_repo"`
	Debounce Duration `toml:"debounce"`
}

// Room is one [[rooms]] entry: per-room settings.
type Room struct {
	Adapter  string `toml:"adapter"`
	ID       string `toml:"id"`
	Language string `toml:"language"`
}

// Console is the [console] section.
type Console struct {
	Enabled bool   `toml:"enabled"`
	User    string `toml:"user"`
	Room    string `toml:"room"`
}

// Matrix is the [matrix] section.
type Matrix struct {
	Enabled    bool   `toml:"enabled"`
	Homeserver string `toml:"homeserver"`
	// InsecureHTTP allows http:// to another machine than this one.
	InsecureHTTP bool     `toml:"insecure_http"`
	UserID       string   `toml:"user_id"`
	Password     string   `toml:"password"`
	AccessToken  string   `toml:"access_token"`
	DeviceName   string   `toml:"device_name"`
	PickleKey    string   `toml:"pickle_key"`
	Encryption   bool     `toml:"encryption"`
	InviteAllow  []string `toml:"invite_allow"`
}

// XMPP is the [xmpp] section.
type XMPP struct {
	Enabled     bool     `toml:"enabled"`
	Address     string   `toml:"address"`
	JID         string   `toml:"jid"`
	Password    string   `toml:"password"`
	Resource    string   `toml:"resource"`
	Nick        string   `toml:"nick"`
	Rooms       []string `toml:"rooms"`
	InsecureTLS bool     `toml:"insecure_tls"`
	CAFile      string   `toml:"ca_file"`
	InviteAllow []string `toml:"invite_allow"`
}

// Duration is a time.Duration written as "90s", "30m", "2h" or "14d".
type Duration struct{ time.Duration }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		d.Duration = 0 // "" means off
		return nil
	}
	v, err := ParseDuration(string(b))
	d.Duration = v
	return err
}

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
