package bottest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

// Adapter is a fake chat network: tests push messages with Say and read
// what the bot sent with Sent.
type Adapter struct {
	name string

	mu    sync.Mutex
	seq   int
	sent  []bot.Reply
	ids   []string
	inbox bot.Inbox
	ready chan struct{}
	fail  error
}

// New makes a fake adapter with the given name.
func New(name string) *Adapter { return &Adapter{name: name, ready: make(chan struct{})} }

var _ bot.Adapter = (*Adapter)(nil)

// Name implements bot.Adapter.
func (a *Adapter) Name() string { return a.name }

// Run implements bot.Adapter; it just remembers the inbox until ctx ends.
func (a *Adapter) Run(ctx context.Context, in bot.Inbox) error {
	a.mu.Lock()
	a.inbox = in
	a.mu.Unlock()
	close(a.ready)
	<-ctx.Done()
	return nil
}

// Ready is closed once Run has started.
func (a *Adapter) Ready() <-chan struct{} { return a.ready }

// FailSends makes every later Send return err (nil to recover).
func (a *Adapter) FailSends(err error) {
	a.mu.Lock()
	a.fail = err
	a.mu.Unlock()
}

// Send implements bot.Adapter.
func (a *Adapter) Send(_ context.Context, r bot.Reply) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.fail != nil {
		return "", a.fail
	}
	a.seq++
	id := fmt.Sprintf("%s-out-%d", a.name, a.seq)
	a.sent = append(a.sent, r)
	a.ids = append(a.ids, id)
	return id, nil
}

// Room returns a room of this adapter.
func (a *Adapter) Room(id string) bot.Room { return bot.Room{Adapter: a.name, ID: id, Name: id} }

// Msg builds a message from user in room.
func (a *Adapter) Msg(room, user, text string) bot.Message {
	a.mu.Lock()
	a.seq++
	id := fmt.Sprintf("%s-in-%d", a.name, a.seq)
	a.mu.Unlock()
	return bot.Message{ID: id, Room: a.Room(room), Sender: bot.User{ID: user}, Text: text, Time: time.Now()}
}

// Say delivers a message from user in room to the handler h synchronously
// and returns the message it built.
func (a *Adapter) Say(ctx context.Context, h bot.Inbox, room, user, text string) bot.Message {
	m := a.Msg(room, user, text)
	h.Message(ctx, m)
	return m
}

// Sent returns every reply so far.
func (a *Adapter) Sent() []bot.Reply {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]bot.Reply(nil), a.sent...)
}

// SentIDs returns the ids given to each reply, in the same order as Sent.
func (a *Adapter) SentIDs() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.ids...)
}

// Last returns the last reply, or an empty one.
func (a *Adapter) Last() bot.Reply {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.sent) == 0 {
		return bot.Reply{}
	}
	return a.sent[len(a.sent)-1]
}

// Take returns the replies sent since the last Take and forgets them.
func (a *Adapter) Take() []bot.Reply {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := a.sent
	a.sent, a.ids = nil, nil
	return out
}

// In returns the replies sent to one room.
func (a *Adapter) In(room string) []bot.Reply {
	var out []bot.Reply
	for _, r := range a.Sent() {
		if r.Room.ID == room {
			out = append(out, r)
		}
	}
	return out
}

// Texts joins reply texts, for error messages.
func Texts(rs []bot.Reply) string {
	var sb strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&sb, "[%s] %s\n", r.Room.ID, r.Text)
	}
	return sb.String()
}
