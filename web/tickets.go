package web

import (
	"errors"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/tickets"
)

// option is one choice of a filter's select.
type option struct {
	Value, Label string
	Selected     bool
}

type ticketRow struct {
	ID                                        int64
	State, StateLabel, Age, Asker, Room, Lang string
	Holder, Excerpt                           string
	CanClaim                                  bool
}

type listData struct {
	States, Rooms, Langs, Ages []option
	Tickets                    []ticketRow
}

// ageFilters are the choices of the age filter: at most or at least so old.
var ageFilters = []struct {
	value    string
	max, min time.Duration
}{
	{"", 0, 0}, {"lt1", 24 * time.Hour, 0}, {"lt7", 7 * 24 * time.Hour, 0},
	{"gt1", 0, 24 * time.Hour}, {"gt7", 0, 7 * 24 * time.Hour},
}

// ticketList is the queue with its filters: state (by default open and
// claimed), room, language and age.
func (s *Server) ticketList(q *req) {
	get := q.r.URL.Query().Get
	state, room, lang, ageV := get("state"), get("room"), get("language"), get("age")
	var f tickets.Filter
	switch state {
	case "":
		state = "active"
		fallthrough
	case "active":
		f.States = []tickets.State{tickets.Open, tickets.Claimed}
	case "all":
	default:
		st := tickets.State(state)
		if !validState(st) {
			state, f.States = "active", []tickets.State{tickets.Open, tickets.Claimed}
		} else {
			f.States = []tickets.State{st}
		}
	}
	ts, err := q.c.Records.Tickets(q.r.Context(), f)
	if err != nil {
		s.internal(q, err)
		return
	}
	now := s.o.Now()
	var d listData
	d.States = []option{{"active", q.say("tickets.active"), state == "active"}}
	for _, st := range tickets.States {
		d.States = append(d.States, option{string(st), q.say("state." + string(st)), state == string(st)})
	}
	d.States = append(d.States, option{"all", q.say("tickets.any"), state == "all"})
	rooms := map[string]string{}
	for _, t := range ts {
		rooms[t.Room.Key()] = roomName(t.Room)
	}
	d.Rooms = []option{{"", q.say("tickets.any"), room == ""}}
	for _, k := range sortedKeys(rooms) {
		d.Rooms = append(d.Rooms, option{k, rooms[k], room == k})
	}
	d.Langs = []option{{"", q.say("tickets.any"), lang == ""}, {"fr", "français", lang == "fr"}, {"en", "English", lang == "en"}}
	var af = ageFilters[0]
	for _, a := range ageFilters {
		label := q.say("tickets.age.any")
		if a.value != "" {
			label = q.say("tickets.age." + a.value)
		}
		d.Ages = append(d.Ages, option{a.value, label, a.value == ageV})
		if a.value == ageV {
			af = a
		}
	}
	for _, t := range ts {
		old := now.Sub(t.Created)
		if room != "" && t.Room.Key() != room || lang != "" && t.Lang != lang ||
			af.max > 0 && old > af.max || af.min > 0 && old < af.min {
			continue
		}
		d.Tickets = append(d.Tickets, s.row(q, t, now))
	}
	s.render(q, http.StatusOK, "tickets", s.view(q, "tickets", q.say("tickets.title"), &d))
}

func (s *Server) row(q *req, t *tickets.Ticket, now time.Time) ticketRow {
	r := ticketRow{ID: t.ID, State: string(t.State), StateLabel: q.say("state." + string(t.State)),
		Age: age(q.lang, now.Sub(t.Created)), Asker: t.Asker.DisplayName(), Room: roomName(t.Room), Lang: t.Lang,
		Excerpt: excerpt(t.Question, 120), CanClaim: t.State == tickets.Open}
	if t.State == tickets.Claimed || t.State == tickets.Answered {
		r.Holder = t.Mentor.DisplayName()
	}
	if t.Purged {
		r.Excerpt = q.say("ticket.purged")
	}
	return r
}

type event struct{ At, What, Who, Note string }

type ticketData struct {
	T                                 *tickets.Ticket
	StateLabel, Origin, Room, Created string
	Holder, EntryGiven                string
	Guesses                           []string
	Events                            []event
	CanClaim, CanUnclaim, CanAnswer   bool
	CanResolve, CanReopen, CanDraft   bool
	AnswerText                        string // kept after a refused answer
	AnswerError                       string // why the answer's text was refused
	MaxAnswer                         int    // the chat's message limit, in bytes
}

func (s *Server) ticketPage(q *req) {
	id, ok := s.ticketID(q)
	if !ok {
		return
	}
	v, ok := s.ticketView(q, id)
	if !ok {
		return
	}
	if act := q.r.URL.Query().Get("done"); act != "" && tr("fr", "done."+act) != "done."+act {
		if act == "draft" {
			v.Flash = q.say("done.draft", q.r.URL.Query().Get("file"))
		} else {
			v.Flash = q.say("done." + act)
		}
	}
	s.render(q, http.StatusOK, "ticket", v)
}

// ticketView loads ticket id for its page; it answers (404, 500) and
// returns false when it cannot.
func (s *Server) ticketView(q *req, id int64) (*view, bool) {
	ctx := q.r.Context()
	t, err := q.c.Records.Ticket(ctx, id)
	if errors.Is(err, tickets.ErrNoTicket) {
		s.fail(q, http.StatusNotFound, bot.T(q.lang, "ticket.not_found", id))
		return nil, false
	}
	if err != nil {
		s.internal(q, err)
		return nil, false
	}
	evs, err := q.c.Records.TicketEvents(ctx, id)
	if err != nil {
		s.internal(q, err)
		return nil, false
	}
	mine := t.Mentor.Is(q.actor)
	d := &ticketData{T: t, StateLabel: q.say("state." + string(t.State)), Origin: q.say("origin." + t.Origin),
		Room: roomName(t.Room), Created: s.date(t.Created),
		CanClaim:   t.State == tickets.Open || t.State == tickets.Answered && !mine,
		CanUnclaim: t.State == tickets.Claimed && (mine || q.admin),
		CanAnswer: !t.Purged && (t.State == tickets.Open ||
			(t.State == tickets.Claimed || t.State == tickets.Answered) && (mine || q.admin)),
		CanResolve: t.State != tickets.Resolved && (t.State != tickets.Claimed || mine || q.admin),
		CanReopen:  t.State == tickets.Answered || t.State == tickets.Resolved,
		CanDraft:   !t.Purged && strings.TrimSpace(t.Answer) != "",
		MaxAnswer:  bot.MaxMessageBytes,
	}
	if t.Mentor.ID != "" {
		d.Holder = t.Mentor.DisplayName()
	}
	_, kb := q.c.Chat.FAQ()
	title := func(id string) string {
		if kb != nil {
			if e, ok := kb.Get(id); ok {
				return e.Title + " (" + id + ")"
			}
		}
		return id
	}
	if t.EntryID != "" {
		d.EntryGiven = title(t.EntryID)
	}
	for _, g := range t.Guesses {
		d.Guesses = append(d.Guesses, title(g))
	}
	for _, ev := range evs {
		who := ev.Actor.DisplayName()
		if who == "" {
			who = q.c.Chat.Name()
		}
		// The chat's words for the event, so that a new kind needs no change here.
		e := event{At: s.date(ev.At), What: bot.T(q.lang, "ticket.event."+ev.Kind), Who: who}
		if ev.Kind == "answer" || ev.Kind == "message" || ev.Kind == tickets.DraftEvent {
			e.Note = ev.Note
		}
		d.Events = append(d.Events, e)
	}
	return s.view(q, "tickets", q.say("ticket.title", t.ID), d), true
}

// ticketAction runs one workflow action through the same core functions
// as the chat commands, then shows the ticket again.
func (s *Server) ticketAction(q *req) {
	id, ok := s.ticketID(q)
	if !ok {
		return
	}
	ctx := q.r.Context()
	action := q.r.PathValue("action")
	text := q.r.PostFormValue("text")
	var err error
	file := ""
	switch action {
	case "claim", "unclaim", "resolve", "reopen":
		_, err = q.c.Actions.Change(ctx, id, action, q.actor, q.admin)
	case "answer":
		_, err = q.c.Actions.Answer(ctx, id, q.actor, q.admin, text)
	case "draft":
		var path string
		path, err = q.c.Actions.Draft(ctx, id, q.actor)
		file = filepath.Base(path)
	default:
		s.fail(q, http.StatusNotFound, q.say("err.not_found"))
		return
	}
	var te *tickets.Refusal
	switch {
	case errors.Is(err, tickets.ErrNoTicket):
		s.fail(q, http.StatusNotFound, bot.T(q.lang, "ticket.not_found", id))
	case errors.As(err, &te):
		v, ok := s.ticketView(q, id)
		if !ok {
			return
		}
		msg := bot.T(q.lang, te.Key, te.Args...)
		d := v.Data.(*ticketData)
		d.AnswerText = text
		status := http.StatusConflict // the ticket's state refuses the action
		if action == "answer" && answerTextRefused[te.Key] {
			// the text itself is wrong: the form again, with why, by it
			status = http.StatusUnprocessableEntity
			d.AnswerError = msg
		} else {
			v.Error = msg
		}
		s.render(q, status, "ticket", v)
	case err != nil:
		s.internal(q, err)
	default:
		to := "/tickets/" + strconv.FormatInt(id, 10) + "?done=" + action
		if file != "" {
			to += "&file=" + urlQueryEscape(file)
		}
		http.Redirect(q.w, q.r, to, http.StatusSeeOther)
	}
}

// answerTextRefused are the refusals of an answer's text, not of the
// ticket's state.
var answerTextRefused = map[string]bool{"ticket.need_text": true, "ticket.answer_too_long": true}

func (s *Server) ticketID(q *req) (int64, bool) {
	id, err := strconv.ParseInt(q.r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(q, http.StatusNotFound, q.say("err.not_found"))
		return 0, false
	}
	return id, true
}

func validState(st tickets.State) bool {
	for _, s := range tickets.States {
		if s == st {
			return true
		}
	}
	return false
}

func roomName(r bot.Room) string {
	name := r.Name
	if name == "" {
		name = r.ID
	}
	return r.Adapter + ":" + name
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// excerpt shortens s to at most n runes on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}
