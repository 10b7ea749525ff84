package tickets

import (
	"context"
	"strings"
	"time"
	"unicode"

	"codeberg.org/entraide/entraide/bot"
)

// A ticket just closed — by the asker's « merci » or by a mentor — is not
// the end of the conversation when the asker comes back with « merci mais
// toujours E-05 »: for reopenWindow after its resolution, their words that
// say it still fails (or any words, when a mentor closed it without
// answering) reopen it and reach the mentors. The memory of recent
// resolutions is kept in memory only: after a restart the asker's message
// goes through the FAQ and, unanswered, opens a new ticket, which loses
// nothing.

// reopenWindow is how long after a resolution the asker may reopen by writing.
const reopenWindow = 30 * time.Minute

// closed is a recent resolution, by conversation.
type closed struct {
	id       int64
	thread   string
	at       time.Time
	answered bool // the asker had an answer before it was closed
}

func closedKey(room bot.Room, askerID string) string { return room.Key() + "\x00" + askerID }

// rememberResolved notes that ticket t was just resolved.
func (tk *Desk) rememberResolved(t *Ticket) {
	now := tk.clock.Now()
	tk.mu.Lock()
	defer tk.mu.Unlock()
	for k, c := range tk.resolved {
		if now.Sub(c.at) > reopenWindow {
			delete(tk.resolved, k)
		}
	}
	tk.resolved[closedKey(t.Room, t.Asker.ID)] = closed{id: t.ID, thread: t.ThreadID, at: now, answered: t.Answer != ""}
}

// recentlyClosed is the ticket of m's conversation resolved within
// reopenWindow, if any.
func (tk *Desk) recentlyClosed(m bot.Message) (closed, bool) {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	c, ok := tk.resolved[closedKey(m.Room, m.Sender.ID)]
	if !ok || tk.clock.Now().Sub(c.at) > reopenWindow || (m.ThreadID != "" && m.ThreadID != c.thread) {
		return closed{}, false
	}
	return c, true
}

// reopenByAsker reopens the asker's recently closed ticket when their
// message says it still fails, or goes on with a ticket a mentor closed
// unanswered, and relays the message to the mentors.
func (tk *Desk) reopenByAsker(ctx context.Context, req *bot.Request) bool {
	c, ok := tk.recentlyClosed(req.Msg)
	if !ok {
		return false
	}
	text := strings.TrimSpace(req.Msg.Text)
	if !strings.ContainsFunc(text, unicode.IsLetter) || tk.people.toOther(req.Msg, tk.b.Name(), tk.clock.Now()) {
		return false // « 2 » picking from a list, or talk to someone else
	}
	if !stillFails(text) && (c.answered || closing(text) != notClosing) {
		return false
	}
	if !c.answered {
		// after an unanswered close, a new question the FAQ answers is
		// the FAQ's, not the old ticket's
		if old, err := tk.store.Ticket(ctx, c.id); err != nil || tk.clearlyNew(ctx, req, old) != nil {
			return false
		}
	}
	t, err := tk.Change(ctx, c.id, "reopen", ActorOf(req.Msg.Room.Adapter, req.Msg.Sender), false)
	if err != nil {
		tk.log.Info("reopening a ticket on the asker's word failed", "ticket", c.id, "err", err)
		return false
	}
	tk.forget(req.Msg)
	req.Lang = t.Lang
	tk.relayAs(ctx, req, t, "ticket.asker_reopened")
	tk.reply(ctx, req, req.T("ticket.reopened_by_asker", t.ID))
	return true
}

func (tk *Desk) forget(m bot.Message) {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	delete(tk.resolved, closedKey(m.Room, m.Sender.ID))
}

// stillFails reports whether a message says the problem is still there:
// « merci mais toujours E-05 », « thanks, but it still shows E-05 ».
func stillFails(text string) bool {
	for _, w := range foldedWords(text) {
		if failing[w] {
			return true
		}
	}
	return false
}

var failing = setOf(`toujours encore pas rien probleme erreur bloque
	still again not doesn don isn fails failing error broken stuck`)
