package tickets

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode"

	"codeberg.org/entraide/entraide/bot"
)

// Options tune the escalation feature. A zero duration turns its
// behaviour off.
type Options struct {
	Clock          bot.Clock      // nil = the system clock
	RemindAfter    time.Duration  // re-announce an open ticket nobody claimed after this long
	RemindEvery    time.Duration  // ... then at most this often (0 = once)
	ClaimedIdle    time.Duration  // re-announce a claimed ticket without answer after this long
	Retention      time.Duration  // purge resolved tickets' texts this long after resolution
	DraftsDir      string         // where !faq writes draft entries ("" = !faq is refused)
	FeedbackWindow time.Duration  // how long after an answer "merci"/"non" counts as feedback (0 = 15m)
	Tick           time.Duration  // how often the background job looks for work (0 = 1m)
	Location       *time.Location // zone of the dates shown to mentors (nil = the server's)
}

// Desk is the escalation feature wired into one bot: unanswered
// questions become tickets that mentors claim, answer and resolve.
type Desk struct {
	b     *bot.Bot
	log   *slog.Logger
	store Store
	opts  Options
	clock bot.Clock

	mu        sync.Mutex
	turns     map[string]lastTurn // see feedback.go
	history   history             // see context.go
	answering map[int64]relaying  // tickets whose answer is being relayed
	resolved  map[string]closed   // see reopen.go
	people    roomPeople          // see people.go
}

// Enable wires the whole escalation feature into b: the mentor
// commands, the Unanswered hook that opens tickets, feedback on FAQ answers
// (words and reactions), and the background job for reminders and
// retention. Call it once, before b.Run.
func Enable(b *bot.Bot, store Store, opts Options) (*Desk, error) {
	if b == nil || store == nil {
		return nil, errors.New("tickets need a bot and a store")
	}
	if opts.Clock == nil {
		opts.Clock = bot.SystemClock{}
	}
	if opts.FeedbackWindow <= 0 {
		opts.FeedbackWindow = 15 * time.Minute
	}
	if opts.Tick <= 0 {
		opts.Tick = time.Minute
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.RemindAfter < 0 || opts.RemindEvery < 0 || opts.ClaimedIdle < 0 || opts.Retention < 0 {
		return nil, errors.New("ticket durations must not be negative")
	}
	tk := &Desk{b: b, log: b.Logger(), store: store, opts: opts, clock: opts.Clock, turns: map[string]lastTurn{},
		answering: map[int64]relaying{}, resolved: map[string]closed{}}
	if b.Options().MentorsRoom == nil {
		b.Logger().Warn("no mentors' room configured: tickets are recorded but nobody is notified")
	}
	tk.registerCommands()
	b.Before(tk.before)
	b.Observe(tk)
	b.Unanswered(tk.unansweredHook)
	b.Answered(tk.rememberAnswer)
	b.OnReaction(tk.reactionHook)
	b.Go(tk.runJobs)
	return tk, nil
}

// Store is the store the feature was enabled with.
func (tk *Desk) Store() Store { return tk.store }

// unansweredHook opens a ticket for a question the FAQ could not answer,
// with what the asker said before it.
func (tk *Desk) unansweredHook(ctx context.Context, req *bot.Request) bool {
	if req.Match != nil && req.Match.Chitchat != "" {
		return false // "merci" on its own is not a question
	}
	if !strings.ContainsFunc(req.Msg.Text, unicode.IsLetter) {
		return false // "!", "2", "???": no question for a mentor to answer
	}
	if tk.people.toOther(req.Msg, tk.b.Name(), tk.clock.Now()) {
		return true // people talking to each other: not for the mentors
	}
	turns := tk.contextOf(req.Msg)
	q := strings.TrimSpace(req.Msg.Text)
	if closing(q) != notClosing && len(foldedWords(q)) <= 5 {
		// « problem solved », « merci » with no ticket open: nothing for
		// a mentor to answer
		tk.reply(ctx, req, req.T("glad"))
		return true
	}
	if FeedbackVerdict(q) != 0 {
		// "non", "ça ne marche pas": about what they asked just before, if
		// anything; otherwise a mentor could do nothing with it
		prev := lastQuestion(turns)
		if prev == "" {
			tk.reply(ctx, req, req.T("vague"))
			return true
		}
		q = prev + "\n(" + q + ")"
	}
	t := &Ticket{Origin: OriginUnanswered, Asker: req.Msg.Sender, Room: req.Msg.Room, MsgID: req.Msg.ID,
		ThreadID: req.Msg.ThreadID, Question: q, Lang: req.Lang, Context: turns}
	if m := req.Match; m != nil {
		if m.Entry != nil && relevant(q, m.Entry) {
			t.Guesses = append(t.Guesses, m.Entry.ID)
		}
		for _, e := range m.Suggestions {
			if e != nil && (m.Entry == nil || e.ID != m.Entry.ID) && len(t.Guesses) < 3 && relevant(q, e) {
				t.Guesses = append(t.Guesses, e.ID)
			}
		}
	}
	if err := tk.open(ctx, t); err != nil {
		// Nobody will see the question: say so rather than promise a volunteer.
		tk.log.Error("opening a ticket failed", "err", err)
		tk.reply(ctx, req, req.T("ticket.not_recorded"))
		return true
	}
	tk.reply(ctx, req, req.T("ticket.opened", t.ID))
	if !t.Repeat {
		tk.notify(ctx, t, req)
	}
	return true
}

// open stores a new ticket. It returns only once the ticket is committed, so
// a number given to the asker is never lost, even by a crash right after.
func (tk *Desk) open(ctx context.Context, t *Ticket) error {
	tk.prepare(t)
	return tk.store.CreateTicket(ctx, t)
}

// prepare fills in a new ticket's state, dates and language.
func (tk *Desk) prepare(t *Ticket) {
	now := tk.clock.Now()
	t.State, t.Created, t.Updated = Open, now, now
	if t.Lang == "" {
		t.Lang = tk.b.Options().Lang
	}
	t.Lang = bot.NormLang(t.Lang)
}

// mentorsLang is the language of the mentors' room.
func (tk *Desk) mentorsLang() string {
	if mr := tk.b.Options().MentorsRoom; mr != nil {
		return bot.NormLang(tk.b.RoomLang(*mr))
	}
	return bot.NormLang(tk.b.Options().Lang)
}

// toMentors posts text in the mentors' room, in thread when there is one
// (adapters without threads ignore it), and returns the post's id.
func (tk *Desk) toMentors(ctx context.Context, text, thread string) string {
	mr := tk.b.Options().MentorsRoom
	if mr == nil {
		return ""
	}
	id, err := tk.b.Send(ctx, bot.Reply{Room: *mr, Text: text, ThreadID: thread})
	if err != nil {
		tk.log.Error("notifying the mentors failed", "room", mr.Key(), "err", err)
	}
	return id
}

// notify announces a new ticket in the mentors' room: number, asker, room,
// the question (escaped), what the asker said before, and the FAQ's leads
// (only relevant ones, see relevant). The notice's id is kept: on Matrix
// the ticket's conversation goes on in its thread.
func (tk *Desk) notify(ctx context.Context, t *Ticket, req *bot.Request) {
	lang := tk.mentorsLang()
	var sb strings.Builder
	key := "ticket.notice"
	switch t.Origin {
	case OriginFeedback:
		key = "ticket.notice_feedback"
	case OriginHuman:
		key = "ticket.notice_human"
	}
	sb.WriteString(bot.T(lang, key, t.ID, tk.who(t), tk.where(t)))
	sb.WriteString("\n" + bot.Quote(clip(t.Question, 1500)))
	if c := tk.renderContext(lang, t); c != "" {
		sb.WriteString("\n" + c)
	}
	if t.EntryID != "" {
		sb.WriteString("\n" + bot.T(lang, "ticket.entry_given", tk.entryTitle(t.EntryID)))
	}
	if guesses := tk.guesses(t, req); guesses != "" {
		sb.WriteString("\n" + bot.T(lang, "ticket.guesses", guesses))
	}
	sb.WriteString("\n" + bot.T(lang, "ticket.how_to_claim", t.ID, t.ID))
	id := tk.toMentors(ctx, sb.String(), "")
	if id == "" {
		return
	}
	if err := tk.store.SetNotice(ctx, t.ID, id); err != nil {
		tk.log.Error("recording a ticket's notice failed", "ticket", t.ID, "err", err)
	}
	t.NoticeID = id
}

func (tk *Desk) who(t *Ticket) string {
	name := bot.EscapeMarkdown(t.Asker.DisplayName())
	if t.Asker.Name != "" && t.Asker.Name != t.Asker.ID {
		name += " (" + bot.EscapeMarkdown(t.Asker.ID) + ")"
	}
	return name
}

func (tk *Desk) where(t *Ticket) string {
	name := t.Room.Name
	if name == "" {
		name = t.Room.ID
	}
	return bot.EscapeMarkdown(t.Room.Adapter + ":" + name)
}

func (tk *Desk) entryTitle(id string) string {
	if _, kb := tk.b.FAQ(); kb != nil {
		if e, ok := kb.Get(id); ok {
			return bot.EscapeMarkdown(e.Title) + " (" + bot.EscapeMarkdown(id) + ")"
		}
	}
	return bot.EscapeMarkdown(id)
}

// guesses lists the matcher's best entries with their confidence when known.
func (tk *Desk) guesses(t *Ticket, req *bot.Request) string {
	var parts []string
	for i, id := range t.Guesses {
		s := tk.entryTitle(id)
		if i == 0 && req != nil && req.Match != nil && req.Match.Entry != nil && req.Match.Entry.ID == id {
			s += fmt.Sprintf(" %d %%", int(req.Match.Score*100+0.5))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ; ")
}

// clip cuts s after n runes, keeping its lines: a pasted log must not flood
// the mentors' room (the whole text stays in the ticket).
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n])) + " …"
}

// reply answers req and logs a failure: hooks have nobody to return it to.
func (tk *Desk) reply(ctx context.Context, req *bot.Request, text string) string {
	id, err := req.Reply(ctx, text)
	if err != nil {
		tk.log.Error("send failed", "room", req.Msg.Room.Key(), "err", err)
	}
	return id
}
