package web

import (
	"context"
	"crypto/rand"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/tickets"
)

// Actions are the ticket workflow, shared with the chat commands;
// *tickets.Desk implements them.
type Actions interface {
	Change(ctx context.Context, id int64, action string, actor tickets.Actor, admin bool) (*tickets.Ticket, error)
	Answer(ctx context.Context, id int64, actor tickets.Actor, admin bool, text string) (*tickets.Ticket, error)
	Draft(ctx context.Context, id int64, actor tickets.Actor) (string, error)
	DraftGroup(ctx context.Context, ids []int64, actor tickets.Actor) (string, error)
}

// Records are what the pages read; a tickets.Store implements them.
type Records interface {
	Tickets(ctx context.Context, f tickets.Filter) ([]*tickets.Ticket, error)
	Ticket(ctx context.Context, id int64) (*tickets.Ticket, error)
	TicketEvents(ctx context.Context, id int64) ([]tickets.Event, error)
	FeedbackStats(ctx context.Context) ([]tickets.FeedbackStat, error)
	EntryUsage(ctx context.Context) (answers, thanks map[string]int, err error)
}

// Chat says who may log in and carries their login codes; *bot.Bot
// implements it.
type Chat interface {
	Name() string
	Adapters() []bot.Adapter
	IsMentor(adapter string, u bot.User) bool
	IsAdmin(adapter string, u bot.User) bool
	SendDirect(ctx context.Context, adapter, userID, text string) error
	FAQ() (faq.Matcher, *faq.KB)
}

// Announcements preview the poster's schedule; *bot.Announcer implements it.
type Announcements interface {
	Preview(ctx context.Context, from, to time.Time) ([]announce.Post, error)
}

// Community is one community's part of the site: who may log in to it,
// its ticket desk, its records and its announcements. A mentor sees only
// the communities they are a mentor of; an admin sees every one.
type Community struct {
	Name          string // "" for a bot without [[communities]]
	Chat          Chat
	Actions       Actions
	Records       Records
	Announcements Announcements // nil: announcements are off
	DraftsDir     string        // where FAQ drafts are written, listed on the FAQ page
}

// Options configure the site. Either Communities, or Chat, Actions and
// Records (one community, for a bot without [[communities]]), are required.
type Options struct {
	Communities   []Community
	Chat          Chat
	Actions       Actions
	Records       Records
	Announcements Announcements // nil: announcements are off
	// Key signs session cookies and CSRF tokens (at least 32 bytes). Empty:
	// a random key, so sessions end when the bot restarts.
	Key        []byte
	SessionTTL time.Duration  // how long a login lasts (0 = 12h)
	Lang       string         // language when the browser states none we have
	Location   *time.Location // zone of the dates shown (nil = the server's)
	DraftsDir  string         // where FAQ drafts are written, listed on the FAQ page
	Now        func() time.Time
	Logger     *slog.Logger
}

// codeTTL is how long a login code is valid.
const codeTTL = 10 * time.Minute

// Server is the site's http.Handler.
type Server struct {
	o     Options
	comms []*Community // in config order
	mux   *http.ServeMux
	pages map[string]*template.Template

	mu       sync.Mutex
	pending  map[string]*pendingLogin // by the browser's session id
	lastSent map[string]time.Time     // adapter:user → last code sent
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// New builds the site.
func New(o Options) (*Server, error) {
	if len(o.Communities) == 0 {
		o.Communities = []Community{{Chat: o.Chat, Actions: o.Actions, Records: o.Records,
			Announcements: o.Announcements, DraftsDir: o.DraftsDir}}
	}
	var comms []*Community
	seen := map[string]bool{}
	for i := range o.Communities {
		c := &o.Communities[i]
		if c.Chat == nil || c.Actions == nil || c.Records == nil {
			return nil, fmt.Errorf("web: community %q: Chat, Actions and Records are required", c.Name)
		}
		if seen[c.Name] {
			return nil, fmt.Errorf("web: two communities are named %q", c.Name)
		}
		seen[c.Name] = true
		comms = append(comms, c)
	}
	o.Chat = comms[0].Chat // the bot's name, the same in every community
	switch {
	case len(o.Key) == 0:
		o.Key = make([]byte, 32)
		if _, err := rand.Read(o.Key); err != nil {
			return nil, err
		}
	case len(o.Key) < 32:
		return nil, fmt.Errorf("web: the session key must be at least 32 bytes, got %d", len(o.Key))
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Lang != "en" {
		o.Lang = "fr"
	}
	s := &Server{o: o, comms: comms, mux: http.NewServeMux(), pending: map[string]*pendingLogin{}, lastSent: map[string]time.Time{}}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(http.FileServerFS(static))))
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/tickets", http.StatusSeeOther)
	})
	s.mux.HandleFunc("GET /login", s.visitor(s.loginForm))
	s.mux.HandleFunc("POST /login", s.visitor(s.loginSend))
	s.mux.HandleFunc("POST /login/code", s.visitor(s.loginCode))
	s.mux.HandleFunc("POST /logout", s.visitor(s.logout))
	s.mux.HandleFunc("POST /community", s.mentor(s.switchCommunity))
	s.mux.HandleFunc("GET /c/{community}/{rest...}", s.mentor(s.communityLink))
	s.mux.HandleFunc("GET /tickets", s.mentor(s.ticketList))
	s.mux.HandleFunc("GET /tickets/{id}", s.mentor(s.ticketPage))
	s.mux.HandleFunc("POST /tickets/{id}/{action}", s.mentor(s.ticketAction))
	s.mux.HandleFunc("GET /gaps", s.mentor(s.gapsPage))
	s.mux.HandleFunc("POST /gaps/draft", s.mentor(s.gapsDraft))
	s.mux.HandleFunc("GET /faq", s.mentor(s.faqPage))
	s.mux.HandleFunc("GET /announcements", s.mentor(s.announcePage))
	return s, nil
}

// ServeHTTP implements http.Handler, with the headers every page gets.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	s.mux.ServeHTTP(w, r)
}

func cacheFor(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
