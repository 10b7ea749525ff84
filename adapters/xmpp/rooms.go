package xmpp

import (
	"context"
	"slices"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"gosrc.io/xmpp/stanza"
)

// room is what the bot knows of one multi-user chat. Fields are guarded by
// Adapter.mu.
type room struct {
	jid       string
	want      string // nickname to ask for
	password  string
	invited   bool // joined on an invitation, remembered in the store
	conflicts int  // nicknames found taken so far

	joined    bool
	nick      string            // our nickname as the room confirmed it
	occupants map[string]string // nickname → real bare JID, "" when the room hides it
	changed   chan struct{}     // closed (and replaced) whenever the above change
	everIn    bool              // joined at least once, to log the first join only
}

func newRoom(jid, nick, password string, invited bool) *room {
	return &room{jid: jid, want: nick, nick: nick, password: password, invited: invited,
		occupants: map[string]string{}, changed: make(chan struct{})}
}

// reset forgets the occupants when the connection changes; the room will
// send them again on join.
func (r *room) reset() {
	r.joined = false
	r.nick = r.want
	clear(r.occupants)
	r.notify()
}

func (r *room) notify() {
	close(r.changed)
	r.changed = make(chan struct{})
}

// nickFor is how to address u in this room: its current nickname when the
// room shows real JIDs, else the name it spoke under.
func (r *room) nickFor(u bot.User) string {
	if b, res := splitJID(u.ID); b == r.jid && res != "" {
		return res
	}
	real := bareJID(u.ID)
	if u.Name != "" {
		if j, ok := r.occupants[u.Name]; ok && (j == "" || j == real) {
			return u.Name
		}
	}
	for nick, j := range r.occupants {
		if j != "" && j == real {
			return nick
		}
	}
	if u.Name != "" {
		return u.Name
	}
	return localpart(u.ID)
}

// sendJoin asks to enter r without history: XEP-0045 maxstanzas=0. Delayed
// messages are dropped anyway, in case a room sends history regardless.
func (a *Adapter) sendJoin(s *session, r *room) {
	a.mu.Lock()
	to, pw := r.jid+"/"+r.want, r.password
	a.mu.Unlock()
	p := stanza.NewPresence(stanza.Attrs{To: to})
	x := stanza.MucPresence{Password: pw}
	if a.o.historyStanzas >= 0 {
		x.History = stanza.History{MaxStanzas: stanza.NewNullableInt(a.o.historyStanzas)}
	}
	p.Extensions = append(p.Extensions, x)
	if err := s.send(p); err != nil {
		a.log.Warn("xmpp: cannot ask to join room", "room", r.jid, "err", err)
	}
}

// onPresence follows who is in the rooms the bot is in, and whether the
// bot itself is in.
func (a *Adapter) onPresence(s *session, p stanza.Presence) {
	roomJID, nick := splitJID(p.From)
	var x mucUser
	hasX := p.Get(&x)
	a.mu.Lock()
	defer a.mu.Unlock()
	r := a.rooms[roomJID]
	if r == nil || nick == "" || a.sess != s {
		return
	}
	self := nick == r.nick || (hasX && x.has(statusSelf))
	switch p.Type {
	case "": // available: handled below the switch
	case stanza.PresenceTypeError:
		if r.joined && !self {
			return
		}
		r.joined = false
		if p.Error.Reason == "conflict" && r.conflicts < 3 {
			// Someone else has the nickname: try "entraide_", "entraide__"...
			r.conflicts++
			r.want += "_"
			r.nick = r.want
			a.log.Warn("xmpp: nickname taken in room; trying another", "room", r.jid, "nick", r.want)
			s.work.run(func() { a.sendJoin(s, r) })
			return
		}
		a.log.Error("xmpp: cannot join room", "room", r.jid, "nick", r.want,
			"reason", strings.TrimSpace(p.Error.Reason+" "+p.Error.Text))
		r.notify()
		return
	case stanza.PresenceTypeUnavailable:
		if hasX && x.has(statusNick) && len(x.Items) > 0 && x.Items[0].Nick != "" {
			r.occupants[x.Items[0].Nick] = r.occupants[nick]
			if self {
				r.nick = x.Items[0].Nick
			}
			delete(r.occupants, nick)
			r.notify()
			return
		}
		delete(r.occupants, nick)
		if self {
			r.joined = false
			if hasX && (x.has(statusKicked) || x.has(statusBanned)) {
				a.log.Warn("xmpp: removed from room", "room", r.jid)
				if r.invited {
					delete(a.rooms, r.jid)
					s.work.run(func() { a.saveInvited(context.Background()) })
				}
			}
		}
		r.notify()
		return
	default: // subscription requests and probes are not room business
		return
	}
	real := ""
	if hasX && len(x.Items) > 0 {
		real = bareJID(x.Items[0].JID)
	}
	r.occupants[nick] = real
	if self && !r.joined {
		r.joined, r.nick = true, nick
		if !r.everIn {
			a.log.Info("xmpp: joined room", "room", r.jid, "nick", nick)
		} else {
			a.log.Debug("xmpp: rejoined room", "room", r.jid)
		}
		r.everIn = true
	}
	r.notify()
}

// occupant returns the real bare JID behind nick in a room, "" when the
// room hides it. Presence and messages are handled concurrently by the
// library, so a message may overtake its sender's presence: wait a moment.
func (a *Adapter) occupant(roomJID, nick string) string {
	deadline := time.NewTimer(300 * time.Millisecond)
	defer deadline.Stop()
	for {
		a.mu.Lock()
		r := a.rooms[roomJID]
		if r == nil {
			a.mu.Unlock()
			return ""
		}
		real, ok := r.occupants[nick]
		changed := r.changed
		a.mu.Unlock()
		if ok {
			return real
		}
		select {
		case <-changed:
		case <-deadline.C:
			return ""
		}
	}
}

// onInvite handles XEP-0249 direct invitations and XEP-0045 mediated ones;
// it reports whether m was an invitation.
func (a *Adapter) onInvite(ctx context.Context, m stanza.Message) bool {
	var inviter, roomJID, password string
	var di directInvite
	var mu mucUser
	switch {
	case m.Get(&di) && di.JID != "":
		inviter, roomJID, password = m.From, bareJID(di.JID), di.Password
	case m.Get(&mu) && mu.Invite != nil:
		inviter, roomJID, password = mu.Invite.From, bareJID(m.From), mu.Invite.Password
	default:
		return false
	}
	if !a.mayInvite(inviter) {
		a.log.Info("xmpp: ignored invitation (inviter not in xmpp.invite_allow)", "room", roomJID, "from", bareJID(inviter))
		return true
	}
	if err := checkBareJID("room", roomJID); err != nil {
		a.log.Warn("xmpp: ignored invitation", "err", err)
		return true
	}
	a.mu.Lock()
	r := a.rooms[roomJID]
	if r == nil {
		r = newRoom(roomJID, a.o.Nick, password, true)
		a.rooms[roomJID] = r
	}
	already := r.joined
	s := a.sess
	a.mu.Unlock()
	a.log.Info("xmpp: accepted invitation", "room", roomJID, "from", bareJID(inviter))
	if !already && s != nil {
		a.sendJoin(s, r)
	}
	a.saveInvited(ctx)
	return true
}

func (a *Adapter) mayInvite(from string) bool {
	b := bareJID(from)
	if !strings.Contains(b, "@") {
		return false // a server or component, not a person
	}
	for _, w := range a.o.InviteAllow {
		if w == "*" {
			return true
		}
		w = strings.ToLower(w)
		if b == w || (strings.HasPrefix(w, "@") && domainOf(b) == w[1:]) {
			return true
		}
	}
	return false
}

// Rooms joined on invitation are kept in the store (without their
// password, which is a secret) so a restarted bot returns to them.
const invitedKey = "invited_rooms"

func (a *Adapter) stateNamespace() string { return "xmpp:" + a.o.Name }

func (a *Adapter) saveInvited(ctx context.Context) {
	a.mu.Lock()
	var list []string
	for _, r := range a.rooms {
		if r.invited {
			list = append(list, r.jid)
		}
	}
	a.mu.Unlock()
	slices.Sort(list)
	if err := a.store.Put(ctx, a.stateNamespace(), invitedKey, strings.Join(list, "\n")); err != nil {
		a.log.Warn("xmpp: cannot remember invited rooms", "err", err)
	}
}

func (a *Adapter) loadInvited(ctx context.Context) {
	v, ok, err := a.store.Get(ctx, a.stateNamespace(), invitedKey)
	if err != nil {
		a.log.Warn("xmpp: cannot read invited rooms", "err", err)
		return
	}
	if !ok {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, j := range strings.Fields(v) {
		if _, known := a.rooms[j]; !known && checkBareJID("room", j) == nil {
			a.rooms[j] = newRoom(j, a.o.Nick, "", true)
		}
	}
}
