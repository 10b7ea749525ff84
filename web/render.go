package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

// pageNames are the templates, each rendered inside layout.html.
var pageNames = []string{"login", "code", "tickets", "ticket", "gaps", "faq", "announcements", "error"}

func (s *Server) parseTemplates() error {
	s.pages = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return err
		}
		s.pages[name] = t
	}
	return nil
}

// view is what every template gets.
type view struct {
	q       *req
	Lang    string
	Title   string
	Nav     string // the current page, for aria-current
	User    string
	Admin   bool
	CSRF    string
	BotName string
	LangURL string // this page in the other language
	Flash   string
	Error   string
	Data    any
	// Community is the one shown ("" without [[communities]]);
	// Communities, when more than one, are those the user may switch to.
	Community   string
	Communities []option
}

// T translates key into the page's language.
func (v *view) T(key string, args ...any) string { return v.q.say(key, args...) }

func (s *Server) view(q *req, nav, title string, data any) *view {
	u := *q.r.URL
	vals := u.Query()
	other := "en"
	if q.lang == "en" {
		other = "fr"
	}
	vals.Set("lang", other)
	if q.r.Method != http.MethodGet {
		u.Path = "/tickets"
		if q.actor.ID == "" {
			u.Path = "/login"
		}
		vals = url.Values{"lang": {other}}
	}
	u.RawQuery = vals.Encode()
	v := &view{q: q, Lang: q.lang, Title: title, Nav: nav, User: q.actor.DisplayName(), Admin: q.admin,
		CSRF: s.csrfToken(q), BotName: s.o.Chat.Name(), LangURL: u.RequestURI(), Data: data}
	if q.c != nil && q.c.Name != "" {
		v.Community = q.c.Name
		for _, name := range s.communitiesOf(q.actor.Adapter, bot.User{ID: q.actor.ID}) {
			v.Communities = append(v.Communities, option{name, name, name == q.c.Name})
		}
	}
	return v
}

// render writes page name with status code, buffered so that a template
// error becomes a clean 500.
func (s *Server) render(q *req, code int, name string, v *view) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		s.o.Logger.Error("web: rendering a page failed", "page", name, "err", err)
		http.Error(q.w, q.say("err.internal"), http.StatusInternalServerError)
		return
	}
	h := q.w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	q.w.WriteHeader(code)
	// the templates hold no bidirectional controls: any in the page came
	// from someone's text, where they could disguise it (« exe.png »)
	q.w.Write([]byte(bot.NeutraliseBidi(buf.String())))
}

// fail answers with an error page saying msg.
func (s *Server) fail(q *req, code int, msg string) {
	v := s.view(q, "", q.say("err.title"), nil)
	v.Error = msg
	s.render(q, code, "error", v)
}

// internal logs err and answers 500.
func (s *Server) internal(q *req, err error) {
	s.o.Logger.Error("web: request failed", "path", q.r.URL.Path, "err", err)
	s.fail(q, http.StatusInternalServerError, q.say("err.internal"))
}

func (s *Server) date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(s.o.Location).Format("2006-01-02 15:04")
}
