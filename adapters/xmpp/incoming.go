package xmpp

import (
	"context"
	"strings"
	"sync"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"gosrc.io/xmpp/stanza"
)

// deliver hands incoming messages to the bot until ctx ends: in the order
// they were read within each conversation (a room, or one person's direct
// chat), conversations side by side, so a slow message keeps only its own
// conversation waiting. At most maxInFlight messages are taken from the
// queue at once, so a flood still fills the queue and pushes back on the
// connection instead of growing without bound. It returns once the
// messages in hand are handled.
func (a *Adapter) deliver(ctx context.Context, in bot.Inbox) {
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		pending = map[string][]stanza.Message{} // per conversation; present while its worker runs
		slots   = make(chan struct{}, maxInFlight)
	)
	defer wg.Wait()
	work := func(conv string) {
		defer wg.Done()
		for {
			mu.Lock()
			m := pending[conv][0]
			mu.Unlock()
			if ctx.Err() == nil {
				a.handle(ctx, in, m, time.Now())
			}
			<-slots
			mu.Lock()
			rest := pending[conv][1:]
			if len(rest) == 0 || ctx.Err() != nil {
				for range rest {
					<-slots // dropped at shutdown
				}
				delete(pending, conv)
				mu.Unlock()
				return
			}
			pending[conv] = rest
			mu.Unlock()
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case slots <- struct{}{}:
		}
		select {
		case <-ctx.Done():
			return
		case m := <-a.incoming:
			conv, _ := splitJID(m.From)
			mu.Lock()
			_, busy := pending[conv]
			pending[conv] = append(pending[conv], m)
			mu.Unlock()
			if !busy {
				wg.Add(1)
				go work(conv)
			}
		}
	}
}

// maxInFlight is how many messages deliver holds at once, all
// conversations together.
const maxInFlight = 32

func (a *Adapter) handle(ctx context.Context, in bot.Inbox, m stanza.Message, now time.Time) {
	if m.Type == stanza.MessageTypeError {
		a.log.Debug("xmpp: ignored error message", "from", m.From)
		return
	}
	if a.onInvite(ctx, m) {
		return
	}
	if strings.TrimSpace(m.Body) == "" {
		return // chat states, receipts, room subjects
	}
	stamp, delayed := delayStamp(m)
	if delayed && !a.answersOffline(m, stamp, now) {
		a.delayed.Add(1)
		a.log.Debug("xmpp: ignored delayed message (history or too old)", "from", m.From)
		return
	}
	msg, trustedBy, ok := a.translate(m, now)
	if !ok {
		return
	}
	keys := dedupKeys(m, msg, trustedBy, now)
	if delayed {
		// Kept by the server while we were away: its stamp is stable, so the
		// same message redelivered after a crash is still recognised.
		keys = []string{offlineKey(msg, stamp)}
		msg.Time = stamp
	}
	fresh, err := a.firstSeen(ctx, keys)
	if err != nil {
		a.log.Warn("xmpp: cannot check for duplicates; handling the message anyway", "err", err)
	} else if !fresh {
		a.log.Debug("xmpp: ignored duplicate message", "from", m.From, "id", msg.ID)
		return
	}
	in.Message(ctx, msg)
}

// delayStamp reports whether m carries a delay mark, and its time when the
// stamp can be read (XEP-0203, or the legacy XEP-0091 form).
func delayStamp(m stanza.Message) (time.Time, bool) {
	var d delay
	if !m.Get(&d) {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "20060102T15:04:05"} {
		if t, err := time.Parse(layout, d.Stamp); err == nil {
			return t, true
		}
	}
	return time.Time{}, true
}

// answersOffline tells whether a delayed message is a recent 1:1 message
// stored by the server while the bot was offline (answered late, once)
// rather than room history or something too old to answer.
func (a *Adapter) answersOffline(m stanza.Message, stamp, now time.Time) bool {
	if m.Type == stanza.MessageTypeGroupchat || stamp.IsZero() || a.o.OfflineMaxAge < 0 {
		return false
	}
	from, _ := splitJID(m.From)
	a.mu.Lock()
	_, isRoom := a.rooms[from]
	a.mu.Unlock()
	age := now.Sub(stamp)
	return !isRoom && age >= -time.Minute && age <= a.o.OfflineMaxAge
}

// translate turns a message stanza into a bot message, or reports that it
// is not for the bot (our own echo, a room we are not in, a headline).
// trustedBy is the entity whose stanza-id may be trusted for m.
func (a *Adapter) translate(m stanza.Message, now time.Time) (msg bot.Message, trustedBy string, ok bool) {
	from, res := splitJID(m.From)
	msg = bot.Message{ID: messageID(m), Text: m.Body, Time: now}
	a.mu.Lock()
	r := a.rooms[from]
	var ourNick string
	if r != nil {
		ourNick = r.nick
	}
	a.mu.Unlock()

	switch {
	case m.Type == stanza.MessageTypeHeadline:
		return msg, "", false
	case m.Type == stanza.MessageTypeGroupchat:
		if r == nil || res == "" || res == ourNick {
			return msg, "", false // not our room, the room itself, or our own echo
		}
		msg.Room = bot.Room{Adapter: a.o.Name, ID: from, Name: localpart(from)}
		msg.Sender = bot.User{ID: a.senderID(from, res), Name: res}
		return msg, from, true
	case r != nil: // a private message through a room: answer it privately there
		if res == "" {
			return msg, "", false
		}
		msg.Room = bot.Room{Adapter: a.o.Name, ID: from + "/" + res, Name: res, Direct: true}
		msg.Sender = bot.User{ID: a.senderID(from, res), Name: res}
		return msg, a.bare, true
	case from == a.bare || from == "":
		return msg, "", false // our own messages (another resource, carbons)
	default:
		msg.Room = bot.Room{Adapter: a.o.Name, ID: from, Name: localpart(from), Direct: true}
		msg.Sender = bot.User{ID: from, Name: localpart(from)}
		return msg, a.bare, true
	}
}

// senderID is an occupant's real bare JID when the room shows it (how
// mentors and admins are recognised), else its in-room address.
func (a *Adapter) senderID(roomJID, nick string) string {
	if real := a.occupant(roomJID, nick); real != "" {
		return real
	}
	return roomJID + "/" + nick
}

// messageID is the most durable id the message carries.
func messageID(m stanza.Message) string {
	for _, e := range m.Extensions {
		if o, ok := e.(*originID); ok && o.ID != "" {
			return o.ID
		}
	}
	return m.Id
}
