package web

import (
	"net/http"

	"codeberg.org/entraide/entraide/bot"
)

// communityFor is the community a logged-in user's pages show: the one
// named, when they are a mentor (or an admin) there, else the first one
// where they are; nil when they are a mentor nowhere.
func (s *Server) communityFor(adapter string, u bot.User, name string) *Community {
	var first *Community
	for _, c := range s.comms {
		if !c.Chat.IsMentor(adapter, u) {
			continue
		}
		if c.Name == name {
			return c
		}
		if first == nil {
			first = c
		}
	}
	return first
}

// communitiesOf names the communities where the user is a mentor or an
// admin, in config order.
func (s *Server) communitiesOf(adapter string, u bot.User) []string {
	var out []string
	for _, c := range s.comms {
		if c.Chat.IsMentor(adapter, u) {
			out = append(out, c.Name)
		}
	}
	return out
}

// allowed reports whether the logged-in user may see community name.
func (s *Server) allowed(q *req, name string) bool {
	for _, n := range s.communitiesOf(q.actor.Adapter, bot.User{ID: q.actor.ID}) {
		if n == name {
			return true
		}
	}
	return false
}

// switchCommunity makes another of the user's communities the one shown.
func (s *Server) switchCommunity(q *req) {
	name := q.r.PostFormValue("community")
	if !s.allowed(q, name) {
		s.fail(q, http.StatusForbidden, q.say("err.community"))
		return
	}
	s.show(q, name)
	http.Redirect(q.w, q.r, "/tickets", http.StatusSeeOther)
}

// communityLink serves /c/NAME/PATH, a link that names its community
// (/c/NAME/tickets/3): it shows that community, then PATH.
func (s *Server) communityLink(q *req) {
	name := q.r.PathValue("community")
	if !s.allowed(q, name) {
		s.fail(q, http.StatusForbidden, q.say("err.community"))
		return
	}
	s.show(q, name)
	to := "/" + q.r.PathValue("rest")
	if q.r.URL.RawQuery != "" {
		to += "?" + q.r.URL.RawQuery
	}
	if to = safeNext(to); to == "" {
		to = "/tickets"
	}
	http.Redirect(q.w, q.r, to, http.StatusSeeOther)
}

// show records community name in the session; the CSRF token changes with
// it, so forms of the community shown before are refused.
func (s *Server) show(q *req, name string) {
	sess := *q.sess
	sess.Community = name
	s.writeSession(q.w, q.r, &sess)
}
