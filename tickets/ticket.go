package tickets

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

// State is where a ticket is in its life: open → claimed → answered →
// resolved, and back to open with a reopen.
type State string

const (
	Open     State = "open"
	Claimed  State = "claimed"
	Answered State = "answered"
	Resolved State = "resolved"
)

// States lists every state in workflow order.
var States = []State{Open, Claimed, Answered, Resolved}

// Why a ticket was opened.
const (
	OriginUnanswered = "unanswered" // the FAQ had no confident answer
	OriginFeedback   = "feedback"   // the asker said a FAQ answer did not help
	OriginHuman      = "human"      // the asker asked for a person
)

// Ticket is a question handed to human mentors.
type Ticket struct {
	ID       int64
	State    State
	Origin   string // OriginUnanswered, OriginFeedback or OriginHuman
	Asker    bot.User
	Room     bot.Room // where the question was asked; the answer goes back there
	MsgID    string   // the question's message id, replied to by the answer
	ThreadID string
	Question string
	Lang     string
	EntryID  string   // the FAQ entry that did not help (OriginFeedback)
	Guesses  []string // ids of the matcher's best guesses, best first

	Mentor   Actor  // who holds it (claimed) or answered it; zero when open
	Answer   string // the last relayed answer, as the mentor wrote it
	Created  time.Time
	Updated  time.Time // last state change
	Reminded time.Time // last reminder in the mentors' room; zero if none
	Resolved time.Time // when it was last resolved; zero otherwise
	Purged   bool      // texts removed by the retention policy

	// Context is what the asker said to the bot, and what it replied, in
	// the half hour before the ticket opened, oldest first.
	Context []Turn
	// NoticeID is the id of the ticket's notice in the mentors' room; on
	// Matrix, the root of the thread where its conversation goes on.
	NoticeID string

	// Repeat is set by CreateTicket when the question's message already
	// had a ticket (the message was handled again after a crash): t is
	// then that ticket, and the mentors were told about it already.
	Repeat bool
}

// Actor is who did something to a ticket: a user on one adapter, or the bot
// itself (Adapter empty) for automatic changes such as a retention purge.
type Actor struct {
	Adapter string
	ID      string
	Name    string
}

// ActorOf is the actor for u on the adapter.
func ActorOf(adapter string, u bot.User) Actor {
	return Actor{Adapter: adapter, ID: u.ID, Name: u.DisplayName()}
}

// DisplayName is the name to show to humans.
func (a Actor) DisplayName() string {
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

// Is reports whether a and o are the same person on the same adapter.
func (a Actor) Is(o Actor) bool { return a.ID != "" && a.Adapter == o.Adapter && a.ID == o.ID }

// Event is one line of a ticket's history.
type Event struct {
	TicketID int64
	At       time.Time
	Kind     string // "open", "claim", "unclaim", "answer", "message", "resolve", "reopen", "purge"
	Actor    Actor
	From, To State
	Note     string // the mentor's words for "answer", the asker's for "message"
}

// Filter selects tickets to list.
type Filter struct {
	States []State // empty = every state
	Limit  int     // 0 = no limit
}

// ErrNoTicket is returned for a ticket number that does not exist.
var ErrNoTicket = errors.New("no such ticket")

// Store keeps tickets, their history and the feedback on FAQ answers.
// Implementations must make each call atomic: UpdateTicket reads, applies and
// writes in one transaction so two mentors cannot both claim a ticket.
type Store interface {
	// CreateTicket stores t and its "open" event in one transaction and sets
	// t.ID. When it returns nil the ticket is durable: only then may the
	// asker be told its number. A question whose message (adapter, room,
	// message id) already opened a ticket gets that ticket back, with
	// Repeat set, instead of a second one.
	CreateTicket(ctx context.Context, t *Ticket) error
	// Ticket returns one ticket or ErrNoTicket.
	Ticket(ctx context.Context, id int64) (*Ticket, error)
	// UpdateTicket loads ticket id, calls apply (which validates and changes
	// it, or returns an error that aborts everything), then saves it and ev
	// (with From/To filled in) together.
	UpdateTicket(ctx context.Context, id int64, ev Event, apply func(t *Ticket) error) (*Ticket, error)
	// Tickets lists tickets oldest first.
	Tickets(ctx context.Context, f Filter) ([]*Ticket, error)
	// TicketEvents is a ticket's history, oldest first.
	TicketEvents(ctx context.Context, id int64) ([]Event, error)
	// SetNotice records the id of ticket id's notice in the mentors' room.
	SetNotice(ctx context.Context, id int64, noticeID string) error
	// TicketByNotice finds the ticket whose notice has that id, or
	// returns ErrNoTicket.
	TicketByNotice(ctx context.Context, noticeID string) (*Ticket, error)
	// AskerTickets lists the tickets of askerID in room that are not
	// resolved, newest first.
	AskerTickets(ctx context.Context, room bot.Room, askerID string) ([]*Ticket, error)
	// MarkReminded records that a reminder about ticket id was posted.
	MarkReminded(ctx context.Context, id int64, at time.Time) error
	// PurgeResolved blanks the texts of tickets resolved before the time
	// (and of FAQ answer records older than it), keeping the rows so counts
	// stay right. It returns how many tickets it purged.
	PurgeResolved(ctx context.Context, before time.Time) (int, error)

	FeedbackStore
}

// check reports whether actor may apply the action to t now; the error is a
// *Refusal that says why not, in the mentor's language.
func (t *Ticket) check(action string, actor Actor, admin bool) error {
	holder := t.Mentor.DisplayName()
	switch action {
	case "claim":
		switch t.State {
		case Open:
			return nil
		case Claimed:
			if t.Mentor.Is(actor) {
				return ticketErr("ticket.already_yours", t.ID)
			}
			return ticketErr("ticket.claimed_by", t.ID, holder)
		case Answered:
			// an answered ticket waits for its asker: a mentor may take it
			// to follow it up, unless it is already theirs
			if t.Mentor.Is(actor) {
				return ticketErr("ticket.already_yours", t.ID)
			}
			return nil
		}
		return ticketErr("ticket.is_resolved", t.ID)
	case "unclaim":
		switch {
		case t.State == Open:
			return ticketErr("ticket.not_claimed", t.ID)
		case t.State == Answered:
			return ticketErr("ticket.unclaim_answered", t.ID, holder, t.ID)
		case t.State == Resolved:
			return ticketErr("ticket.is_resolved", t.ID)
		case !t.Mentor.Is(actor) && !admin:
			return ticketErr("ticket.claimed_by", t.ID, holder)
		}
		return nil
	case "answer":
		switch t.State {
		case Open:
			return nil
		case Claimed, Answered:
			if t.Mentor.Is(actor) || admin {
				return nil
			}
			if t.State == Answered {
				return ticketErr("ticket.answered_by", t.ID, holder)
			}
			return ticketErr("ticket.claimed_by", t.ID, holder)
		}
		return ticketErr("ticket.is_resolved", t.ID)
	case "resolve":
		switch {
		case t.State == Resolved:
			return ticketErr("ticket.already_resolved", t.ID)
		case t.State == Claimed && !t.Mentor.Is(actor) && !admin && !ActorOf(t.Room.Adapter, t.Asker).Is(actor):
			// the holder's to close (or the asker's, on their word); an
			// answered ticket waits for the asker and anyone may close it
			return ticketErr("ticket.claimed_by", t.ID, holder)
		}
		return nil
	case "message":
		if t.State == Resolved {
			return ticketErr("ticket.is_resolved", t.ID)
		}
		return nil
	case "reopen":
		if t.State == Open || t.State == Claimed {
			return ticketErr("ticket.not_closed", t.ID)
		}
		return nil
	}
	return errors.New("unknown ticket action " + action)
}

// apply changes t for the action, which check has allowed.
func (t *Ticket) apply(action string, actor Actor, text string, now time.Time) {
	switch action {
	case "claim":
		t.State, t.Mentor = Claimed, actor
	case "unclaim":
		t.State, t.Mentor = Open, Actor{}
	case "answer":
		t.State, t.Mentor, t.Answer = Answered, actor, text
	case "resolve":
		t.State, t.Resolved = Resolved, now
	case "reopen":
		t.State, t.Mentor, t.Resolved = Open, Actor{}, time.Time{}
	case "message":
		if t.State == Answered {
			t.State = Claimed // the asker wrote back: the holder has to answer again
		}
	}
	// Reminders count from the last change: a fresh claim or unclaim
	// starts the wait again.
	t.Updated, t.Reminded = now, time.Time{}
}

// Refusal is a refused ticket action, with the catalogue key (and its
// arguments) of the explanation to give to the mentor.
type Refusal struct {
	Key  string
	Args []any
}

func ticketErr(key string, args ...any) *Refusal { return &Refusal{Key: key, Args: args} }

func (e *Refusal) Error() string { return bot.T("en", e.Key, e.Args...) }

// Turn is one message the asker sent the bot before a ticket opened, and
// what the bot did with it.
type Turn struct {
	At      time.Time `json:"at"`
	Said    string    `json:"said"`
	Reply   string    `json:"reply,omitempty"`   // one of the Reply… kinds
	Entries []string  `json:"entries,omitempty"` // titles of the entries answered or offered
	Lang    string    `json:"lang,omitempty"`    // the language the bot replied in
}

// What the bot replied to a Turn.
const (
	ReplyAnswer = "answer" // a FAQ entry
	ReplyPick   = "pick"   // the entry picked by number from a list
	ReplyList   = "list"   // "did you mean" titles
	ReplyOther  = "other"  // anything else (small talk, a request for details)
)

// Said is one message of a ticket's conversation.
type Said struct {
	At    time.Time
	Who   Actor
	Asker bool // the asker wrote it; otherwise a mentor did
	Text  string
}

// Conversation lists the messages of a ticket both ways, oldest first: the
// question, then every mentor answer and asker message in its history.
// Texts erased by the retention policy are left out.
func Conversation(t *Ticket, evs []Event) []Said {
	var out []Said
	if q := strings.TrimSpace(t.Question); q != "" {
		out = append(out, Said{At: t.Created, Who: ActorOf(t.Room.Adapter, t.Asker), Asker: true, Text: q})
	}
	for _, ev := range evs {
		if (ev.Kind != "answer" && ev.Kind != "message") || strings.TrimSpace(ev.Note) == "" {
			continue
		}
		out = append(out, Said{At: ev.At, Who: ev.Actor, Asker: ev.Kind == "message", Text: ev.Note})
	}
	return out
}

// EncodeContext is the text form in which stores keep a ticket's context
// ("" for none); DecodeContext reads it back.
func EncodeContext(turns []Turn) (string, error) {
	if len(turns) == 0 {
		return "", nil
	}
	b, err := json.Marshal(turns)
	return string(b), err
}

// DecodeContext reads what EncodeContext wrote.
func DecodeContext(s string) ([]Turn, error) {
	if s == "" {
		return nil, nil
	}
	var turns []Turn
	if err := json.Unmarshal([]byte(s), &turns); err != nil {
		return nil, fmt.Errorf("unreadable ticket context: %w", err)
	}
	return turns, nil
}
