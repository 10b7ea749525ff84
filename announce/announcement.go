package announce

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Kind says what a file announces.
type Kind string

// The two kinds of announcement.
const (
	Training Kind = "training"
	Service  Kind = "service"
)

// Room names a room on one adapter, written "adapter:id" in files
// ("matrix:!abc:example.org", "xmpp:support@conference.example.org").
type Room struct {
	Adapter string
	ID      string
}

func (r Room) String() string { return r.Adapter + ":" + r.ID }

// ParseRoom reads "adapter:id"; the id may itself contain colons.
func ParseRoom(s string) (Room, bool) {
	a, id, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || a == "" || id == "" || strings.ContainsAny(a, " \t") {
		return Room{}, false
	}
	return Room{Adapter: a, ID: id}, true
}

// Announcement is one file: a training or a service opening.
type Announcement struct {
	ID    string // file name without .md, unique across the folder
	Kind  Kind
	Title string
	Lang  string // language of Title and Body ("fr" or "en")

	// Start and End: when a training takes place. For a service, Start is
	// midnight of the opening day in the configured time zone and End is
	// zero.
	Start, End time.Time
	AllDay     bool // a service: only the date is meaningful

	Place    string // address, or "" when only online
	Online   bool
	Price    string // free text, e.g. tiers by status
	Register string // URL or how to register
	Seats    int    // 0 when not said
	URL      string // a service's address

	Rooms []Room // where to post; empty means the default announcement rooms
	Body  string // description, Markdown
	Path  string // file path as given to the loader, for messages
}

// Hash fingerprints what members act on: the date and the place. A change
// of Hash after a post was made calls for a correction; a change of title
// or wording does not.
func (a *Announcement) Hash() string {
	h := sha256.New()
	for _, s := range []string{string(a.Kind), a.Start.UTC().Format(time.RFC3339), a.End.UTC().Format(time.RFC3339),
		strings.TrimSpace(a.Place), boolString(a.Online)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func boolString(b bool) string {
	if b {
		return "online"
	}
	return ""
}

// IsURL reports whether s looks like a web address (for Register and URL).
func IsURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}
