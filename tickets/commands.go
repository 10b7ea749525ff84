package tickets

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
)

// registerCommands adds !humain for everyone and the mentor commands.
// Names are French first with English aliases, like !aide/!help.
func (tk *Desk) registerCommands() {
	b := tk.b
	b.Handle(&bot.Command{Names: []string{"humain", "human"}, Help: "help.human", Run: tk.cmdHuman})
	b.Handle(&bot.Command{Names: []string{"prendre", "claim"}, Args: "N", Help: "help.claim", Mentor: true,
		Run: tk.simple("claim", "ticket.claimed_ok")})
	b.Handle(&bot.Command{Names: []string{"liberer", "unclaim", "libérer"}, Args: "N", Help: "help.unclaim", Mentor: true,
		Run: tk.simple("unclaim", "ticket.unclaimed_ok")})
	b.Handle(&bot.Command{Names: []string{"repondre", "answer", "répondre"}, Args: "N texte", Help: "help.answer", Mentor: true,
		Run: tk.cmdAnswer})
	b.Handle(&bot.Command{Names: []string{"resoudre", "resolve", "résoudre"}, Args: "N", Help: "help.resolve", Mentor: true,
		Run: tk.simple("resolve", "ticket.resolved_ok")})
	b.Handle(&bot.Command{Names: []string{"rouvrir", "reopen"}, Args: "N", Help: "help.reopen", Mentor: true,
		Run: tk.simple("reopen", "ticket.reopened_ok")})
	b.Handle(&bot.Command{Names: []string{"tickets"}, Help: "help.tickets", Mentor: true, Run: tk.cmdList})
	b.Handle(&bot.Command{Names: []string{"ticket"}, Args: "N", Help: "help.ticket", Mentor: true, Run: tk.cmdShow})
	b.Handle(&bot.Command{Names: []string{"faq"}, Args: "N", Help: "help.faq", Mentor: true, Run: tk.cmdFAQ})
}

// parseTicketArgs reads "N" or "#N" and the rest of the line.
func parseTicketArgs(req *bot.Request) (int64, string, error) {
	word, rest, _ := strings.Cut(strings.TrimSpace(req.Args), " ")
	if i := strings.IndexAny(word, "\n\t"); i >= 0 {
		rest = word[i+1:] + " " + rest
		word = word[:i]
	}
	if word == "" {
		return 0, "", bot.ErrUsage
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(word, "#"), 10, 64)
	if err != nil || n <= 0 {
		return 0, "", &bot.UsageError{Reason: req.T("ticket.bad_number", bot.EchoArg(word))}
	}
	return n, strings.TrimSpace(rest), nil
}

// onlyNumber is parseTicketArgs for commands that take nothing else.
func onlyNumber(req *bot.Request) (int64, error) {
	n, rest, err := parseTicketArgs(req)
	if err == nil && rest != "" {
		err = &bot.UsageError{Reason: req.T("ticket.extra_args", bot.EchoArg(rest))}
	}
	return n, err
}

// refusal turns an expected failure (unknown number, wrong state) into a
// reply for the mentor; other errors go up to the router.
func (tk *Desk) refusal(ctx context.Context, req *bot.Request, id int64, err error) error {
	var te *Refusal
	switch {
	case errors.Is(err, ErrNoTicket):
		tk.reply(ctx, req, req.T("ticket.not_found", id))
		return nil
	case errors.As(err, &te):
		tk.reply(ctx, req, req.T(te.Key, te.Args...))
		return nil
	}
	return err
}

// change applies one workflow action for the mentor who sent req.
func (tk *Desk) change(ctx context.Context, req *bot.Request, id int64, action string) (*Ticket, error) {
	return tk.Change(ctx, id, action, ActorOf(req.Msg.Room.Adapter, req.Msg.Sender), req.IsAdmin())
}

// Change applies one workflow action (claim, unclaim, resolve, reopen) to
// ticket id atomically and records who did it. A refusal is a *Refusal
// (or ErrNoTicket). The chat commands and the web page both go through it.
func (tk *Desk) Change(ctx context.Context, id int64, action string, actor Actor, admin bool) (*Ticket, error) {
	if action == "answer" {
		return nil, errors.New("an answer goes through Desk.Answer, which relays it")
	}
	now := tk.clock.Now()
	ev := Event{At: now, Kind: action, Actor: actor}
	t, err := tk.store.UpdateTicket(ctx, id, ev, func(t *Ticket) error {
		if err := t.check(action, actor, admin); err != nil {
			return err
		}
		t.apply(action, actor, "", now)
		return nil
	})
	if err == nil && action == "resolve" {
		tk.closedByMentor(ctx, t)
	}
	return t, err
}

// closedByMentor tells the asker that a mentor closed their ticket, so a
// question closed without an answer does not just fall silent, and
// remembers it so that their next words can reopen it (see reopenable).
func (tk *Desk) closedByMentor(ctx context.Context, t *Ticket) {
	tk.rememberResolved(t)
	asker := t.Asker
	text := bot.T(t.Lang, "ticket.closed_to_asker", t.ID)
	if _, err := tk.b.Send(ctx, bot.Reply{Room: t.Room, Text: text, InReplyTo: t.MsgID, ThreadID: t.ThreadID, Mention: &asker}); err != nil {
		tk.log.Error("telling the asker their ticket was closed failed", "ticket", t.ID, "err", err)
	}
}

// simple is a command "!action N" whose success reply is okKey.
func (tk *Desk) simple(action, okKey string) func(ctx context.Context, req *bot.Request) error {
	return func(ctx context.Context, req *bot.Request) error {
		id, err := onlyNumber(req)
		if err != nil {
			return err
		}
		t, err := tk.change(ctx, req, id, action)
		if err != nil {
			return tk.refusal(ctx, req, id, err)
		}
		_, err = req.Reply(ctx, req.T(okKey, t.ID, bot.EscapeMarkdown(req.Msg.Sender.DisplayName())))
		return err
	}
}

// cmdAnswer is !answer N text: see Answer.
func (tk *Desk) cmdAnswer(ctx context.Context, req *bot.Request) error {
	id, text, err := parseTicketArgs(req)
	if err != nil {
		return err
	}
	if faq.IsBlank(text) { // zero-width characters alone would send a blank answer
		return &bot.UsageError{Reason: req.T("ticket.need_text")}
	}
	t, err := tk.answer(ctx, id, ActorOf(req.Msg.Room.Adapter, req.Msg.Sender), req.IsAdmin(), text, tk.b.IsMentorsRoom(req.Msg.Room))
	if err != nil {
		return tk.refusal(ctx, req, id, err)
	}
	_, err = req.Reply(ctx, req.T("ticket.answered_ok", id, bot.EscapeMarkdown(t.Asker.DisplayName()), id))
	return err
}

// Answer relays a mentor's answer to the asker, in the asker's room and
// thread, as a reply to the question that mentions them, then marks the
// ticket answered. The relay comes first: a ticket is never marked answered
// with an answer the asker did not get. A second answer arriving while one
// is being relayed is refused (startAnswer), not sent as well. Refusals,
// including a failed relay, are *Refusal.
//
// The mentors' room is shown the answer too, so that every mentor sees what
// the asker was told, whether it was sent from the web page or a direct chat.
func (tk *Desk) Answer(ctx context.Context, id int64, actor Actor, admin bool, text string) (*Ticket, error) {
	return tk.answer(ctx, id, actor, admin, text, false)
}

// answer is Answer; inMentorsRoom says the mentors saw the answer typed
// there already.
func (tk *Desk) answer(ctx context.Context, id int64, actor Actor, admin bool, text string, inMentorsRoom bool) (*Ticket, error) {
	text = strings.TrimSpace(text)
	if faq.IsBlank(text) {
		return nil, ticketErr("ticket.need_text")
	}
	if len(text) > bot.MaxMessageBytes {
		// the chat reads no longer message: the web page keeps to it too
		return nil, ticketErr("ticket.answer_too_long", bot.MaxMessageBytes>>10)
	}
	if other, busy := tk.startAnswer(id, actor); busy {
		return nil, ticketErr("ticket.answering", id, other.DisplayName(), id)
	}
	defer tk.endAnswer(id)
	t, err := tk.store.Ticket(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := t.check("answer", actor, admin); err != nil {
		return nil, err
	}
	relay := bot.T(t.Lang, "ticket.relay", bot.EscapeMarkdown(text), bot.EscapeMarkdown(actor.DisplayName()))
	asker := t.Asker
	if _, err := tk.b.Send(ctx, bot.Reply{Room: t.Room, Text: relay, InReplyTo: t.MsgID, ThreadID: t.ThreadID, Mention: &asker}); err != nil {
		tk.log.Error("relaying an answer failed", "ticket", id, "room", t.Room.Key(), "err", err)
		return nil, ticketErr("ticket.relay_failed", id)
	}
	// The asker has the answer now: record it even if another mentor
	// claimed the ticket during the relay, so the history says what was sent.
	now := tk.clock.Now()
	ev := Event{At: now, Kind: "answer", Actor: actor, Note: text}
	t, err = tk.store.UpdateTicket(ctx, id, ev, func(t *Ticket) error {
		t.apply("answer", actor, text, now)
		return nil
	})
	if err == nil && !inMentorsRoom {
		lang := tk.mentorsLang()
		tk.toMentors(ctx, bot.T(lang, "ticket.answer_posted", t.ID, bot.EscapeMarkdown(actor.DisplayName()))+"\n"+
			bot.Quote(clip(text, 1500)), t.NoticeID)
	}
	return t, err
}

// startAnswer reserves ticket id for actor's answer until endAnswer. Only
// one answer to a ticket is relayed at a time: two mentors answering at the
// same moment would both pass the state check (the ticket is recorded as
// answered only after the relay) and the asker would get both. It returns
// who holds the reservation when it is taken.
func (tk *Desk) startAnswer(id int64, actor Actor) (Actor, bool) {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	if other, busy := tk.answering[id]; busy {
		return other.by, true
	}
	tk.answering[id] = relaying{by: actor, done: make(chan struct{})}
	return Actor{}, false
}

func (tk *Desk) endAnswer(id int64) {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	close(tk.answering[id].done)
	delete(tk.answering, id)
}

// relaying is an answer on its way to the asker.
type relaying struct {
	by   Actor
	done chan struct{} // closed once the answer is in the history
}

// afterAnswer waits until no answer to ticket id is being relayed: the
// asker may reply the moment they read it, and their reply must come after
// it in the history.
func (tk *Desk) afterAnswer(ctx context.Context, id int64) {
	tk.mu.Lock()
	r, busy := tk.answering[id]
	tk.mu.Unlock()
	if !busy {
		return
	}
	select {
	case <-r.done:
	case <-ctx.Done():
	}
}

// cmdList lists open and claimed tickets, oldest first.
func (tk *Desk) cmdList(ctx context.Context, req *bot.Request) error {
	if !tk.privateToMentors(ctx, req) {
		return nil
	}
	if strings.TrimSpace(req.Args) != "" {
		return &bot.UsageError{Reason: req.T("ticket.extra_args", bot.EchoArg(req.Args))}
	}
	ts, err := tk.store.Tickets(ctx, Filter{States: []State{Open, Claimed}})
	if err != nil {
		return err
	}
	if len(ts) == 0 {
		_, err = req.Reply(ctx, req.T("ticket.none_open"))
		return err
	}
	var sb strings.Builder
	sb.WriteString(req.T("ticket.list_header", len(ts)))
	now := tk.clock.Now()
	for i, t := range ts {
		if i == maxListed {
			sb.WriteString("\n" + req.T("ticket.list_more", len(ts)-i))
			break
		}
		sb.WriteString("\n" + tk.line(req.Lang, t, now))
	}
	_, err = req.Reply(ctx, sb.String())
	return err
}

// privateToMentors reports whether req came from the mentors' room or a
// direct chat with the mentor, the only places where tickets' texts (often
// an address, a phone number, a password typed in a direct chat) are shown;
// elsewhere it says so briefly.
func (tk *Desk) privateToMentors(ctx context.Context, req *bot.Request) bool {
	if tk.b.IsMentorsRoom(req.Msg.Room) || req.Msg.Room.Direct {
		return true
	}
	tk.reply(ctx, req, req.T("ticket.private_only"))
	return false
}

// maxListed keeps !tickets readable in a chat; the CLI lists everything.
const maxListed = 25

// line is a one-line summary of a ticket for lists.
func (tk *Desk) line(lang string, t *Ticket, now time.Time) string {
	s := fmt.Sprintf("#%d · %s · %s · %s (%s) : %s", t.ID, bot.T(lang, "ticket.state."+string(t.State)),
		Age(lang, now.Sub(t.Created)), tk.who(t), tk.where(t), bot.EscapeMarkdown(excerpt(t.Question, 80)))
	if t.State == Claimed || t.State == Answered {
		s += " — " + bot.EscapeMarkdown(t.Mentor.DisplayName())
	}
	return s
}

// cmdShow gives a ticket's details and history.
func (tk *Desk) cmdShow(ctx context.Context, req *bot.Request) error {
	if !tk.privateToMentors(ctx, req) {
		return nil
	}
	id, err := onlyNumber(req)
	if err != nil {
		return err
	}
	t, err := tk.store.Ticket(ctx, id)
	if err != nil {
		return tk.refusal(ctx, req, id, err)
	}
	evs, err := tk.store.TicketEvents(ctx, id)
	if err != nil {
		return err
	}
	_, err = req.Reply(ctx, tk.details(req.Lang, t, evs))
	return err
}

func (tk *Desk) details(lang string, t *Ticket, evs []Event) string {
	var sb strings.Builder
	sb.WriteString(bot.T(lang, "ticket.details", t.ID, bot.T(lang, "ticket.state."+string(t.State)), tk.who(t), tk.where(t),
		t.Lang, t.Created.In(tk.opts.Location).Format("2006-01-02 15:04")))
	if t.Purged {
		sb.WriteString("\n" + bot.T(lang, "ticket.purged"))
	} else {
		sb.WriteString("\n" + bot.Quote(t.Question))
	}
	if c := tk.renderContext(lang, t); c != "" {
		sb.WriteString("\n" + c)
	}
	if t.EntryID != "" {
		sb.WriteString("\n" + bot.T(lang, "ticket.entry_given", tk.entryTitle(t.EntryID)))
	}
	if t.Mentor.ID != "" {
		sb.WriteString("\n" + bot.T(lang, "ticket.holder", bot.EscapeMarkdown(t.Mentor.DisplayName())))
	}
	// the history holds the whole conversation: each answer and each
	// message of the asker, in order
	sb.WriteString("\n" + bot.T(lang, "ticket.history"))
	for _, ev := range evs {
		who := ev.Actor.DisplayName()
		if who == "" {
			who = tk.b.Name()
		}
		fmt.Fprintf(&sb, "\n- %s %s (%s)", ev.At.In(tk.opts.Location).Format("2006-01-02 15:04"), bot.T(lang, "ticket.event."+ev.Kind), bot.EscapeMarkdown(who))
		if (ev.Kind == "answer" || ev.Kind == "message") && ev.Note != "" {
			sb.WriteString(" : « " + bot.EscapeMarkdown(excerpt(ev.Note, 300)) + " »")
		}
	}
	return sb.String()
}

// cmdFAQ is !faq N: see Draft.
func (tk *Desk) cmdFAQ(ctx context.Context, req *bot.Request) error {
	id, err := onlyNumber(req)
	if err != nil {
		return err
	}
	path, err := tk.Draft(ctx, id, ActorOf(req.Msg.Room.Adapter, req.Msg.Sender))
	if err != nil {
		return tk.refusal(ctx, req, id, err)
	}
	_, err = req.Reply(ctx, req.T("ticket.draft_written", id, bot.EscapeMarkdown(path)))
	return err
}

// Draft writes answered ticket id as a draft FAQ entry in the drafts
// folder, notes it in the ticket's history and returns the file's path.
func (tk *Desk) Draft(ctx context.Context, id int64, actor Actor) (string, error) {
	if tk.opts.DraftsDir == "" {
		return "", ticketErr("ticket.no_drafts_dir")
	}
	t, err := tk.store.Ticket(ctx, id)
	if err != nil {
		return "", err
	}
	_, kb := tk.b.FAQ()
	path, err := WriteFAQDraft(tk.opts.DraftsDir, t, kb)
	if err != nil {
		return "", err
	}
	if err := RecordFAQDraft(ctx, tk.store, id, path, actor, tk.clock.Now()); err != nil {
		tk.log.Error("recording the FAQ draft in the ticket's history failed", "ticket", id, "err", err)
	}
	return path, nil
}

// DraftGroup writes one draft FAQ entry from several tickets' questions
// (see WriteGroupDraft), notes it in each ticket's history and returns the
// file's path.
func (tk *Desk) DraftGroup(ctx context.Context, ids []int64, actor Actor) (string, error) {
	if tk.opts.DraftsDir == "" {
		return "", ticketErr("ticket.no_drafts_dir")
	}
	ts := make([]*Ticket, 0, len(ids))
	for _, id := range ids {
		t, err := tk.store.Ticket(ctx, id)
		if err != nil {
			return "", err
		}
		ts = append(ts, t)
	}
	_, kb := tk.b.FAQ()
	path, err := WriteGroupDraft(tk.opts.DraftsDir, ts, kb)
	if err != nil {
		return "", err
	}
	for _, id := range ids {
		if err := RecordFAQDraft(ctx, tk.store, id, path, actor, tk.clock.Now()); err != nil {
			tk.log.Error("recording the FAQ draft in the ticket's history failed", "ticket", id, "err", err)
		}
	}
	return path, nil
}

// excerpt shortens s to at most n runes on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// Age says how long ago, roughly: "5 min", "3 h", "2 j".
func Age(lang string, d time.Duration) string {
	switch {
	case d < time.Hour:
		return bot.T(lang, "ticket.age_min", int(d/time.Minute))
	case d < 48*time.Hour:
		return bot.T(lang, "ticket.age_h", int(d/time.Hour))
	}
	return bot.T(lang, "ticket.age_d", int(d/(24*time.Hour)))
}
