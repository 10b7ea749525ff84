package tickets

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
)

// A ticket carries what the asker said to the bot just before it opened,
// so that the mentors need not ask again. Messages the bot replied to are
// kept (and every message in a direct chat); in a shared room, the others
// join only a ticket the same person's own message opens within asideFor:
// what people say to each other is not for the mentors' room, but « mon
// imprimante affiche E-05 » before « je veux parler à quelqu'un » is.
const (
	contextWindow = 30 * time.Minute
	contextTurns  = 5
)

// history remembers, per person and room, their last few turns with the bot.
type history struct {
	mu        sync.Mutex
	turns     map[string][]Turn
	silent    map[string][]Turn // see aside
	nextSweep time.Time
}

func (h *history) add(key string, t Turn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.turns == nil {
		h.turns = map[string][]Turn{}
	}
	if len(h.turns) > 10000 && t.At.After(h.nextSweep) { // forget conversations long over
		for k, ts := range h.turns {
			if t.At.Sub(ts[len(ts)-1].At) > contextWindow {
				delete(h.turns, k)
			}
		}
		h.nextSweep = t.At.Add(time.Minute)
	}
	ts := append(h.turns[key], t)
	if len(ts) > contextTurns {
		ts = ts[len(ts)-contextTurns:]
	}
	h.turns[key] = ts
}

// asideFor is how long a shared room's message the bot did not reply to
// may join the context of a ticket its sender's next message opens.
const asideFor = 5 * time.Minute

// aside keeps key's latest messages the bot did not reply to (up to
// contextTurns).
func (h *history) aside(key string, t Turn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.silent == nil {
		h.silent = map[string][]Turn{}
	}
	if len(h.silent) > 10000 {
		for k, ts := range h.silent {
			if t.At.Sub(ts[len(ts)-1].At) > asideFor {
				delete(h.silent, k)
			}
		}
	}
	ts := append(h.silent[key], t)
	if len(ts) > contextTurns {
		ts = ts[len(ts)-contextTurns:]
	}
	h.silent[key] = ts
}

// unheard returns key's messages kept aside within asideFor of now and
// after since.
func (h *history) unheard(key string, now, since time.Time) []Turn {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []Turn
	for _, t := range h.silent[key] {
		if now.Sub(t.At) <= asideFor && t.At.After(since) {
			out = append(out, t)
		}
	}
	return out
}

// recent returns key's turns of the last contextWindow before now.
func (h *history) recent(key string, now time.Time) []Turn {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []Turn
	for _, t := range h.turns[key] {
		if now.Sub(t.At) <= contextWindow {
			out = append(out, t)
		}
	}
	return out
}

// last returns key's latest turn within d of now.
func (h *history) last(key string, now time.Time, d time.Duration) (Turn, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ts := h.turns[key]
	if len(ts) == 0 || now.Sub(ts[len(ts)-1].At) > d {
		return Turn{}, false
	}
	return ts[len(ts)-1], true
}

// Routed implements bot.Observer: it notes each turn of a person with the
// bot, once routing is over.
func (tk *Desk) Routed(req *bot.Request, o bot.Outcome, _ time.Duration) {
	m := req.Msg
	if !tk.b.IsMentorsRoom(m.Room) {
		tk.people.seen(m, tk.clock.Now())
	}
	if tk.b.IsMentorsRoom(m.Room) || bot.IsCommand(m.Text) || req.Command != "" {
		return
	}
	if req.Replied() == 0 && !m.Room.Direct {
		// maybe not a message to the bot; kept aside briefly in case the
		// next one opens a ticket (« mon imprimante affiche E-05 », then
		// « c'est une Canon »)
		tk.history.aside(convKey(m), Turn{At: tk.clock.Now(), Said: strings.TrimSpace(m.Text), Reply: ReplyOther, Lang: req.Lang})
		return
	}
	turn := Turn{At: tk.clock.Now(), Said: strings.TrimSpace(m.Text), Reply: ReplyOther, Lang: req.Lang}
	switch o {
	case bot.OutcomeAnswer:
		turn.Reply = ReplyAnswer
		if req.OfferedFor() != nil {
			turn.Reply = ReplyPick
		}
		turn.Entries = []string{req.Match.Entry.Title}
	case bot.OutcomeSuggest:
		turn.Reply = ReplyList
		for i, e := range req.Match.Suggestions {
			if i == 3 {
				break
			}
			turn.Entries = append(turn.Entries, e.Title)
		}
	case bot.OutcomeChitchat:
		return // "bonjour", "merci": nothing a mentor needs
	}
	tk.history.add(convKey(m), turn)
}

// contextOf is the context a ticket opened now for m carries.
func (tk *Desk) contextOf(m bot.Message) []Turn {
	now := tk.clock.Now()
	turns := tk.history.recent(convKey(m), now)
	var since time.Time
	if len(turns) > 0 {
		since = turns[len(turns)-1].At
	}
	turns = append(turns, tk.history.unheard(convKey(m), now, since)...)
	if len(turns) > contextTurns {
		turns = turns[len(turns)-contextTurns:]
	}
	return turns
}

// lastQuestion is the asker's latest words in ctx that a mentor can act on
// (not "non", not "ça ne marche pas"), or "".
func lastQuestion(ctx []Turn) string {
	for i := len(ctx) - 1; i >= 0; i-- {
		s := ctx[i].Said
		if _, human := asksForHuman(s); FeedbackVerdict(s) == 0 && !human && len(significantWords(s)) > 0 {
			return s
		}
	}
	return ""
}

// renderContext shows a ticket's context compactly: one line per turn,
// the asker's words quoted and what the bot did after an arrow.
func (tk *Desk) renderContext(lang string, t *Ticket) string {
	if len(t.Context) == 0 {
		return ""
	}
	var sb strings.Builder
	sb.WriteString(bot.T(lang, "ticket.context"))
	for _, turn := range t.Context {
		said := bot.EscapeMarkdown(excerpt(turn.Said, 160))
		fmt.Fprintf(&sb, "\n- %s « %s »", turn.At.In(tk.opts.Location).Format("15:04"), said)
		titles := make([]string, len(turn.Entries))
		for i, e := range turn.Entries {
			titles[i] = bot.EscapeMarkdown(e)
		}
		if key, ok := replyKeys[turn.Reply]; ok {
			sb.WriteString(" → " + bot.T(lang, key, strings.Join(titles, " ; ")))
		}
	}
	return sb.String()
}

// replyKeys say what the bot did with a turn, for the Reply kinds worth
// showing.
var replyKeys = map[string]string{ReplyAnswer: "ticket.context_answer", ReplyPick: "ticket.context_pick",
	ReplyList: "ticket.context_list"}

// relevant reports whether entry e is worth showing a mentor as a lead for
// question q: one of q's significant words is in e's title, questions or
// tags, as the matcher requires of a "did you mean". An entry that only
// scored on words of its answer ("erreur" in the backups entry for a
// printer error) is no lead, whatever its score.
func relevant(q string, e *faq.Entry) bool {
	words := significantWords(q)
	if len(words) == 0 {
		return false
	}
	about := significantWords(e.Title + " " + strings.Join(e.Questions, " ") + " " + strings.Join(e.Tags, " "))
	for w := range words {
		if about[w] {
			return true
		}
	}
	return false
}
