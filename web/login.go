package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

// pendingLogin is a code sent and not yet typed, kept for the browser
// that asked for it. Adapter is empty when the id is nobody's: the code
// form looks the same, and no code can match.
type pendingLogin struct {
	adapter, user string
	community     string // the first where they are a mentor, shown after login
	code          string
	expires       time.Time
	tries         int
}

const (
	maxTries   = 5           // wrong codes before the code is void
	resendWait = time.Minute // between two codes to one person
)

type loginData struct {
	ID   string
	Next string
	Sent string // the sentence saying a code went out
}

func (s *Server) loginForm(q *req) {
	if q.actor.ID != "" {
		http.Redirect(q.w, q.r, "/tickets", http.StatusSeeOther)
		return
	}
	s.render(q, http.StatusOK, "login", s.view(q, "login", q.say("login.title"), loginData{Next: safeNext(q.r.FormValue("next"))}))
}

// loginSend sends a code to the id typed, if it is a mentor's or an
// admin's, and shows the code form either way.
func (s *Server) loginSend(q *req) {
	id := strings.TrimSpace(q.r.PostFormValue("id"))
	data := loginData{ID: id, Next: safeNext(q.r.PostFormValue("next"))}
	v := s.view(q, "login", q.say("login.title"), &data)
	if id == "" || len(id) > 300 {
		v.Error = q.say("login.need_id")
		s.render(q, http.StatusBadRequest, "login", v)
		return
	}
	now := s.o.Now()
	comm, adapter := s.mentorAdapter(id)
	key := adapter + "\x00" + id
	s.mu.Lock()
	s.prune(now)
	old := s.pending[q.sess.SID]
	recent := adapter != "" && now.Sub(s.lastSent[key]) < resendWait
	send := false
	switch {
	case recent && old != nil && old.adapter == adapter && old.user == id:
		v.Flash = q.say("login.wait") // the code this browser got stays valid
	case recent:
		// Another browser asked a moment ago: no second message, and
		// nothing this browser types can match.
		s.pending[q.sess.SID] = &pendingLogin{user: id, expires: now.Add(codeTTL)}
	default:
		s.pending[q.sess.SID] = &pendingLogin{adapter: adapter, user: id, code: newCode(), expires: now.Add(codeTTL)}
		if adapter != "" {
			s.pending[q.sess.SID].community = comm.Name
			s.lastSent[key] = now
			send = true
		}
	}
	p := s.pending[q.sess.SID]
	s.mu.Unlock()
	if send {
		ctx, cancel := context.WithTimeout(q.r.Context(), 20*time.Second)
		defer cancel()
		// through the bot of their community, which holds the adapter
		if err := comm.Chat.SendDirect(ctx, adapter, id, tr(q.lang, "login.message", p.code)); err != nil {
			s.o.Logger.Error("web: sending a login code failed", "adapter", adapter, "err", err)
			s.mu.Lock()
			delete(s.pending, q.sess.SID)
			delete(s.lastSent, key)
			s.mu.Unlock()
			v.Error = q.say("login.send_failed")
			s.render(q, http.StatusBadGateway, "login", v)
			return
		}
	}
	data.Sent = q.say("login.sent", id, s.o.Chat.Name())
	s.render(q, http.StatusOK, "code", v)
}

// loginCode checks the code typed against the one sent to this browser
// and, when it matches, starts a new session for its owner.
func (s *Server) loginCode(q *req) {
	code := strings.Join(strings.Fields(q.r.PostFormValue("code")), "")
	next := safeNext(q.r.PostFormValue("next"))
	now := s.o.Now()
	s.mu.Lock()
	p := s.pending[q.sess.SID]
	var problem string
	switch {
	case p == nil:
		problem = "login.no_pending"
	case !now.Before(p.expires):
		problem = "login.expired"
		delete(s.pending, q.sess.SID)
	case p.adapter == "" || subtle.ConstantTimeCompare([]byte(code), []byte(p.code)) != 1:
		p.tries++
		problem = "login.wrong"
		if p.tries >= maxTries {
			problem = "login.too_many"
			delete(s.pending, q.sess.SID)
		}
	default:
		delete(s.pending, q.sess.SID)
	}
	s.mu.Unlock()
	if problem != "" {
		data := loginData{Next: next}
		name := "login"
		if problem == "login.wrong" {
			data.ID, name = p.user, "code"
		}
		v := s.view(q, "login", q.say("login.title"), &data)
		v.Error = q.say(problem)
		status := http.StatusUnauthorized
		if p == nil {
			status = http.StatusBadRequest
		}
		s.render(q, status, name, v)
		return
	}
	sess := &session{SID: newSID(), Adapter: p.adapter, User: p.user, Community: p.community, Expires: now.Add(s.o.SessionTTL).Unix()}
	s.writeSession(q.w, q.r, sess)
	s.o.Logger.Info("web: mentor logged in", "adapter", p.adapter, "user", p.user)
	if next == "" {
		next = "/tickets"
	}
	http.Redirect(q.w, q.r, next, http.StatusSeeOther)
}

func (s *Server) logout(q *req) {
	s.writeSession(q.w, q.r, &session{SID: newSID(), Expires: s.o.Now().Add(visitorTTL).Unix()})
	http.Redirect(q.w, q.r, "/login", http.StatusSeeOther)
}

// mentorAdapter is the first community where id is a mentor or an admin,
// and the first of its adapters on which they are; "" when none.
func (s *Server) mentorAdapter(id string) (*Community, string) {
	for _, c := range s.comms {
		for _, a := range c.Chat.Adapters() {
			if c.Chat.IsMentor(a.Name(), bot.User{ID: id}) {
				return c, a.Name()
			}
		}
	}
	return nil, ""
}

// prune forgets codes past their time; s.mu is held.
func (s *Server) prune(now time.Time) {
	for k, p := range s.pending {
		if now.After(p.expires.Add(codeTTL)) {
			delete(s.pending, k)
		}
	}
	for k, t := range s.lastSent {
		if now.Sub(t) > resendWait {
			delete(s.lastSent, k)
		}
	}
}

// newCode is 8 random digits.
func newCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(100_000_000))
	if err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return fmt.Sprintf("%08d", n.Int64())
}

// safeNext keeps a redirect after login on this site.
func safeNext(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") || len(s) > 500 {
		return ""
	}
	return s
}
