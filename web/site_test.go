package web_test

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/adapters/console"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
	"codeberg.org/entraide/entraide/web"
)

// syncBuffer is the console's output, read while the bot writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// site is the web page over a real bot: the console adapter (which prints
// the login codes and the relayed answers), the tickets feature and a
// SQLite database. The page's clock is a fake, to let codes expire.
type site struct {
	t      *testing.T
	ctx    context.Context
	b      *bot.Bot
	desk   *tickets.Desk
	store  storage.Store
	srv    *web.Server
	out    *syncBuffer
	clock  *bottest.Clock
	drafts string
	seq    int
}

func newSite(t *testing.T) *site {
	t.Helper()
	ctx := context.Background()
	s := &site{t: t, ctx: ctx, out: &syncBuffer{}, clock: bottest.NewClock(time.Now()),
		drafts: filepath.Join(t.TempDir(), "drafts")}
	b := bot.New(bot.Options{Name: "entraide", Lang: "fr",
		Mentors:     map[string][]string{"console": {"mentor", "carol"}},
		Admins:      map[string][]string{"console": {"admin"}},
		MentorsRoom: &bot.Room{Adapter: "console", ID: "mentors"}})
	kb := bottest.KB(t)
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	if err := b.AddAdapter(console.New(console.Options{BotName: "entraide", In: strings.NewReader(""), Out: s.out})); err != nil {
		t.Fatal(err)
	}
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "t.db"), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	desk, err := tickets.Enable(b, store, tickets.Options{DraftsDir: s.drafts})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Options{Chat: b, Actions: desk, Records: store, Now: s.clock.Now, DraftsDir: s.drafts,
		Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	s.b, s.desk, s.store, s.srv = b, desk, store, srv
	return s
}

// ask sends text from user in the console room, as a member would.
func (s *site) ask(user, room, text string) { s.askIn("", user, room, text) }

// askIn is ask with the adapter's hint of the language.
func (s *site) askIn(lang, user, room, text string) {
	s.seq++
	s.b.Message(s.ctx, bot.Message{ID: "q" + strconv.Itoa(s.seq), Room: bot.Room{Adapter: "console", ID: room, Name: room},
		Sender: bot.User{ID: user}, Text: text, Lang: lang, Time: time.Now()})
}

// question opens a ticket and returns its number.
func (s *site) question(user, text string) int64 {
	s.t.Helper()
	s.ask(user, "support", text)
	ts, err := s.store.Tickets(s.ctx, tickets.Filter{})
	if err != nil || len(ts) == 0 {
		s.t.Fatalf("no ticket for %q: %v", text, err)
	}
	last := ts[len(ts)-1]
	if last.Question != text {
		s.t.Fatalf("want a ticket for %q, last is %q", text, last.Question)
	}
	return last.ID
}

func (s *site) ticket(id int64) *tickets.Ticket {
	s.t.Helper()
	t, err := s.store.Ticket(s.ctx, id)
	if err != nil {
		s.t.Fatal(err)
	}
	return t
}

// browser keeps cookies and the last page's CSRF token, like a browser.
type browser struct {
	s       *site
	cookies map[string]*http.Cookie
	csrf    string
	header  http.Header
}

func (s *site) browser() *browser {
	return &browser{s: s, cookies: map[string]*http.Cookie{}, header: http.Header{}}
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *browser) do(r *http.Request) *httptest.ResponseRecorder {
	for _, ck := range c.cookies {
		r.AddCookie(ck)
	}
	for k, v := range c.header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	c.s.srv.ServeHTTP(w, r)
	for _, ck := range w.Result().Cookies() {
		c.cookies[ck.Name] = ck
	}
	if m := csrfRe.FindStringSubmatch(w.Body.String()); m != nil {
		c.csrf = m[1]
	}
	return w
}

func (c *browser) get(path string) *httptest.ResponseRecorder {
	return c.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// post sends a form with the CSRF token of the last page, unless the form
// brings its own.
func (c *browser) post(path string, form url.Values) *httptest.ResponseRecorder {
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", c.csrf)
	}
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(r)
}

var codeRe = regexp.MustCompile(`\[dm-([^\]]+)\] entraide: .*?(\d{8})`)

// lastCode is the last login code the console shows for user.
func (s *site) lastCode(user string) string {
	code := ""
	for _, m := range codeRe.FindAllStringSubmatch(s.out.String(), -1) {
		if m[1] == user {
			code = m[2]
		}
	}
	return code
}

// login goes through the login pages as user and fails the test unless it
// ends on the ticket list.
func (c *browser) login(user string) {
	c.s.t.Helper()
	c.get("/login")
	if w := c.post("/login", url.Values{"id": {user}}); w.Code != http.StatusOK {
		c.s.t.Fatalf("asking for a code: %d %s", w.Code, w.Body)
	}
	code := c.s.lastCode(user)
	if code == "" {
		c.s.t.Fatalf("no code sent to %s:\n%s", user, c.s.out)
	}
	w := c.post("/login/code", url.Values{"code": {code[:4] + " " + code[4:]}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/tickets" {
		c.s.t.Fatalf("login: %d %q %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	if w := c.get("/tickets"); w.Code != http.StatusOK {
		c.s.t.Fatalf("tickets after login: %d", w.Code)
	}
}

func mustHave(t *testing.T, what string, w *httptest.ResponseRecorder, code int, parts ...string) {
	t.Helper()
	if w.Code != code {
		t.Fatalf("%s: status %d, want %d\n%s", what, w.Code, code, w.Body)
	}
	body := w.Body.String()
	for _, p := range parts {
		if !strings.Contains(body, html.EscapeString(p)) {
			t.Fatalf("%s: %q missing in\n%s", what, p, body)
		}
	}
}
