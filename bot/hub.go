package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/entraide/entraide/faq"
)

// Hub serves several communities from one set of adapters. Each community
// is a Bot of its own (FAQ, mentors, tickets, announcements); the hub reads
// every adapter once and hands each message to the bot of the community
// that lists its room, so no community ever sees another's messages.
//
// A room no community lists gets one polite notice a day and nothing else.
// A direct chat goes to the person's community: the one whose rooms they
// are in (when the adapter can tell, see RoomMembers) or were seen speaking
// in, or that they mentor; or the one they pick when they belong to several
// or to none the hub knows of.
type Hub struct {
	name     string // the bot's name, for the notices
	lang     string // language of the notices where no community's applies
	log      *slog.Logger
	adapters []Adapter
	comms    []*community
	byRoom   map[string]*community
	all      *community // the implicit community: every room is its own
	jobs     []func(ctx context.Context) error
	fence    func() error // see Fence

	mu       sync.Mutex
	seen     map[string]map[*community]bool // adapter|user → communities they spoke in
	chosen   map[string]*community          // adapter|user → community for their direct chats
	waiting  map[string]Message             // adapter|user → direct message held until they pick
	notified map[string]time.Time           // room key → last notice that nobody is served there
}

type community struct {
	name  string
	bot   *Bot
	rooms []Room
}

// strayNoticeEvery bounds the notices in a room no community lists.
const strayNoticeEvery = 24 * time.Hour

// NewHub makes an empty hub; name and lang are the bot's, used for the
// notices in rooms no community lists.
func NewHub(name, lang string, log *slog.Logger) *Hub {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Hub{name: name, lang: lang, log: log, byRoom: map[string]*community{}, seen: map[string]map[*community]bool{},
		chosen: map[string]*community{}, waiting: map[string]Message{}, notified: map[string]time.Time{}}
}

// Add makes b serve the community called name in rooms (its members'
// rooms, its mentors' room, its announcement rooms). The implicit
// community of a config without communities has the name "" and serves
// every room; it must be the only one.
func (h *Hub) Add(name string, b *Bot, rooms []Room) error {
	if len(h.adapters) > 0 {
		return errors.New("add communities before adapters")
	}
	c := &community{name: name, bot: b, rooms: rooms}
	if name == "" || h.all != nil {
		if len(h.comms) > 0 {
			return errors.New("the community without a name must be the only one")
		}
		h.all = c
	}
	for _, n := range h.comms {
		if n.name == name {
			return fmt.Errorf("two communities are named %q", name)
		}
	}
	for _, r := range rooms {
		if o, dup := h.byRoom[r.Key()]; dup && o != c {
			return fmt.Errorf("room %s is in communities %q and %q", r.Key(), o.name, name)
		}
		h.byRoom[r.Key()] = c
	}
	h.comms = append(h.comms, c)
	return nil
}

// AddAdapter registers a with the hub and with every community's bot, so
// each can send through it.
func (h *Hub) AddAdapter(a Adapter) error {
	for _, c := range h.comms {
		if err := c.bot.AddAdapter(a); err != nil {
			return err
		}
	}
	h.adapters = append(h.adapters, a)
	return nil
}

// Bots returns the communities' bots in the order they were added.
func (h *Hub) Bots() []*Bot {
	out := make([]*Bot, len(h.comms))
	for i, c := range h.comms {
		out[i] = c.bot
	}
	return out
}

// Fence makes every send of every community, and the hub's own notices,
// ask may first (see Bot.Fence). Call it after adding the communities.
func (h *Hub) Fence(may func() error) {
	h.fence = may
	for _, c := range h.comms {
		c.bot.Fence(may)
	}
}

// Go registers a bot-wide background job (HTTP server, purges), started by
// Run next to the communities' own.
func (h *Hub) Go(job func(ctx context.Context) error) { h.jobs = append(h.jobs, job) }

// Run starts every adapter once, with the hub as their inbox, and every
// community's background jobs; it returns as Bot.Run does.
func (h *Hub) Run(ctx context.Context) error {
	jobs := h.jobs
	for _, c := range h.comms {
		jobs = append(jobs, c.bot.jobs...)
	}
	return run(ctx, h, h.adapters, jobs)
}

// Community is the name of the community serving room, and whether one does.
func (h *Hub) Community(room Room) (string, bool) {
	if c := h.route(room); c != nil {
		return c.name, true
	}
	return "", false
}

func (h *Hub) route(room Room) *community {
	if h.all != nil {
		return h.all
	}
	return h.byRoom[room.Key()]
}

func userKey(adapter string, u User) string { return adapter + "|" + u.ID }

// Message implements Inbox.
func (h *Hub) Message(ctx context.Context, m Message) {
	if c := h.route(m.Room); c != nil {
		h.mu.Lock()
		k := userKey(m.Room.Adapter, m.Sender)
		if h.seen[k] == nil {
			h.seen[k] = map[*community]bool{}
		}
		h.seen[k][c] = true
		h.mu.Unlock()
		c.bot.Message(ctx, m)
		return
	}
	if m.Room.Direct {
		h.direct(ctx, m)
		return
	}
	h.stray(ctx, m.Room)
}

// Reaction implements Inbox: it goes where a message from that room would.
func (h *Hub) Reaction(ctx context.Context, r Reaction) {
	c := h.route(r.Room)
	if c == nil && r.Room.Direct {
		h.mu.Lock()
		c = h.chosen[userKey(r.Room.Adapter, r.Sender)]
		h.mu.Unlock()
	}
	if c != nil {
		c.bot.Reaction(ctx, r)
	}
}

// stray tells a room no community lists, once a day, who the bot serves.
func (h *Hub) stray(ctx context.Context, room Room) {
	h.mu.Lock()
	last, told := h.notified[room.Key()]
	now := time.Now()
	if told && now.Sub(last) < strayNoticeEvery {
		h.mu.Unlock()
		return
	}
	h.notified[room.Key()] = now
	h.mu.Unlock()
	h.log.Info("message in a room no community lists", "room", room.Key())
	h.send(ctx, Reply{Room: room, Text: T(h.lang, "hub.unknown_room", h.name, strings.Join(h.names(), ", "))})
}

func (h *Hub) names() []string {
	out := make([]string, len(h.comms))
	for i, c := range h.comms {
		out[i] = c.name
	}
	return out
}

// direct routes a direct chat to the person's community, asking which one
// when that is not clear; the message that made the hub ask is handed over
// once they pick.
func (h *Hub) direct(ctx context.Context, m Message) {
	k := userKey(m.Room.Adapter, m.Sender)
	in := h.memberOf(ctx, m)
	h.mu.Lock()
	_, asked := h.waiting[k]
	if c := h.pick(m.Text, h.candidates(m, in), asked); c != nil && c != h.chosen[k] {
		h.chosen[k] = c
		held, ok := h.waiting[k]
		delete(h.waiting, k)
		h.mu.Unlock()
		h.send(ctx, Reply{Room: m.Room, Text: T(h.replyLang(c, m), "hub.chosen", c.name)})
		if ok {
			c.bot.Message(ctx, held)
		}
		return
	}
	c := h.chosen[k]
	cands := h.candidates(m, in)
	if c == nil && len(cands) == 1 {
		c = cands[0]
		h.chosen[k] = c
	}
	if c != nil {
		h.mu.Unlock()
		c.bot.Message(ctx, m)
		return
	}
	h.waiting[k] = m
	h.mu.Unlock()
	var list strings.Builder
	for i, c := range cands {
		fmt.Fprintf(&list, "%d. %s\n", i+1, c.name)
	}
	h.send(ctx, Reply{Room: m.Room, Text: T(h.replyLang(nil, m), "hub.which", strings.TrimRight(list.String(), "\n"))})
}

// memberOf lists the communities with a room the sender is in, when their
// adapter can tell. It asks the adapter, so the caller must not hold h.mu.
func (h *Hub) memberOf(ctx context.Context, m Message) map[*community]bool {
	var rm RoomMembers
	for _, a := range h.adapters {
		if a.Name() == m.Room.Adapter {
			rm, _ = a.(RoomMembers)
		}
	}
	out := map[*community]bool{}
	if rm == nil {
		return out
	}
	for _, c := range h.comms {
		for _, r := range c.rooms {
			if r.Adapter == m.Room.Adapter && rm.InRoom(ctx, r.ID, m.Sender.ID) {
				out[c] = true
				break
			}
		}
	}
	return out
}

// candidates are the communities a direct chat may be for: those whose
// rooms the person is in (in) or was seen speaking in, or that they
// mentor; else all of them. The caller holds h.mu.
func (h *Hub) candidates(m Message, in map[*community]bool) []*community {
	var out []*community
	for _, c := range h.comms {
		if in[c] || h.seen[userKey(m.Room.Adapter, m.Sender)][c] || c.bot.IsMentor(m.Room.Adapter, m.Sender) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return h.comms
	}
	return out
}

// pick reads a reply naming a community, by name or, right after the hub
// asked (a number may otherwise answer a "did you mean" list), by its
// number in cands; nil when text is something else.
func (h *Hub) pick(text string, cands []*community, asked bool) *community {
	t := strings.Trim(faq.Fold(strings.TrimSpace(text)), ".!)")
	if n, err := strconv.Atoi(t); err == nil && asked && n >= 1 && n <= len(cands) && len(cands) > 1 {
		return cands[n-1]
	}
	for _, c := range h.comms {
		if t == c.name {
			return c
		}
	}
	return nil
}

func (h *Hub) replyLang(c *community, m Message) string {
	switch {
	case m.Lang != "":
		return m.Lang
	case c != nil:
		return c.bot.opts.Lang
	}
	return h.lang
}

func (h *Hub) send(ctx context.Context, r Reply) {
	if h.fence != nil {
		if err := h.fence(); err != nil {
			h.log.Warn("notice not sent", "room", r.Room.Key(), "err", err)
			return
		}
	}
	for _, a := range h.adapters {
		if a.Name() == r.Room.Adapter {
			if _, err := a.Send(ctx, r); err != nil {
				h.log.Warn("send failed", "room", r.Room.Key(), "err", err)
			}
			return
		}
	}
}
