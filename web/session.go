package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/tickets"
)

const (
	sessionCookie = "entraide_session"
	langCookie    = "entraide_lang"
	visitorTTL    = 24 * time.Hour // a session before login: long enough to type a code
)

// session is what the signed cookie holds. Every browser gets one (with
// only SID) so that the login forms carry a CSRF token too; logging in
// replaces it with a new SID and the user.
type session struct {
	SID     string `json:"s"`
	Adapter string `json:"a,omitempty"`
	User    string `json:"u,omitempty"`
	// Community is the one whose tickets the pages show and act on.
	Community string `json:"c,omitempty"`
	Expires   int64  `json:"e"`
}

func (s *Server) mac(parts ...string) []byte {
	m := hmac.New(sha256.New, s.o.Key)
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return m.Sum(nil)
}

// readSession returns the cookie's session when its signature is right and
// it has not expired.
func (s *Server) readSession(r *http.Request) *session {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	payload, sig, ok := strings.Cut(c.Value, ".")
	if !ok {
		return nil
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac("session", payload)) {
		return nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil
	}
	var sess session
	if json.Unmarshal(raw, &sess) != nil || sess.SID == "" || s.o.Now().Unix() >= sess.Expires {
		return nil
	}
	return &sess
}

func (s *Server) writeSession(w http.ResponseWriter, r *http.Request, sess *session) {
	raw, _ := json.Marshal(sess)
	payload := base64.RawURLEncoding.EncodeToString(raw)
	value := payload + "." + base64.RawURLEncoding.EncodeToString(s.mac("session", payload))
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: value, Path: "/", Expires: time.Unix(sess.Expires, 0),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: isHTTPS(r)})
}

// isHTTPS tells whether the browser reached the site over TLS, directly or
// through a proxy that says so: the cookie is then marked Secure.
func isHTTPS(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

func newSID() string {
	b := make([]byte, 18)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// csrfToken is bound to the session id and the community shown: a page of
// another site cannot know it, it changes at login, and a form left open
// in another tab before switching community cannot act on the new one's
// ticket of the same number.
func (s *Server) csrfToken(q *req) string {
	return base64.RawURLEncoding.EncodeToString(s.mac("csrf", q.sess.SID, q.communityName()))
}

func (s *Server) csrfOK(q *req) bool {
	got, err := base64.RawURLEncoding.DecodeString(q.r.PostFormValue("csrf"))
	return err == nil && hmac.Equal(got, s.mac("csrf", q.sess.SID, q.communityName()))
}

// req is one request as the handlers see it.
type req struct {
	w     http.ResponseWriter
	r     *http.Request
	sess  *session
	lang  string
	actor tickets.Actor // zero before login
	admin bool
	c     *Community // the community shown; nil before login
}

func (q *req) communityName() string {
	if q.c == nil {
		return ""
	}
	return q.c.Name
}

// visitor wraps a handler open to everyone: it makes sure the browser has
// a session, and checks the CSRF token of every POST.
func (s *Server) visitor(h func(q *req)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := s.begin(w, r)
		if r.Method == http.MethodPost && !s.csrfOK(q) {
			s.fail(q, http.StatusForbidden, q.say("err.csrf"))
			return
		}
		h(q)
	}
}

// mentor wraps a handler for logged-in mentors and admins. A GET without a
// session goes to the login page; a POST is refused.
func (s *Server) mentor(h func(q *req)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := s.begin(w, r)
		if q.actor.ID == "" {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			s.fail(q, http.StatusForbidden, q.say("err.no_session"))
			return
		}
		if r.Method == http.MethodPost && !s.csrfOK(q) {
			s.fail(q, http.StatusForbidden, q.say("err.csrf"))
			return
		}
		h(q)
	}
}

// begin reads the session (making one if needed) and the language, and
// bounds the size of a form.
func (s *Server) begin(w http.ResponseWriter, r *http.Request) *req {
	q := &req{w: w, r: r, sess: s.readSession(r)}
	q.lang = s.pickLang(w, r)
	if q.sess != nil && q.sess.User != "" {
		u := bot.User{ID: q.sess.User}
		if c := s.communityFor(q.sess.Adapter, u, q.sess.Community); c != nil {
			q.c = c
			q.actor = tickets.Actor{Adapter: q.sess.Adapter, ID: q.sess.User}
			q.admin = c.Chat.IsAdmin(q.sess.Adapter, u)
		} else {
			q.sess = nil // no longer a mentor in the config: start again
		}
	}
	if q.sess == nil {
		q.sess = &session{SID: newSID(), Expires: s.o.Now().Add(visitorTTL).Unix()}
		s.writeSession(w, r, q.sess)
	}
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	}
	return q
}
