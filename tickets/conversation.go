package tickets

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
)

// A ticket is a conversation. Until it is resolved, what its asker writes
// in the same conversation (the room, or the thread they asked in) goes to
// the mentors and into its history, not to the FAQ; the mentors answer as
// often as needed, with !answer N or, on Matrix, by replying in the thread
// of the ticket's notice.

// privatePrefix starts a mentor's message in a ticket's thread that stays
// among mentors.
const privatePrefix = "//"

// sharedRoomPause: in a room with several people, the asker's messages
// outside a thread count as the ticket's conversation only this long after
// its last message (from the asker, a mentor or the bot); after that they
// are routed as usual, so a week-old ticket does not swallow everything
// they say in the room.
const sharedRoomPause = 30 * time.Minute

// before is the Before hook: a mentor's reply in a ticket's thread, a
// request for a person, the conversation of an open ticket, then
// dissatisfaction with a list and feedback on a FAQ answer.
func (tk *Desk) before(ctx context.Context, req *bot.Request) bool {
	if bot.IsCommand(req.Msg.Text) {
		return false
	}
	if tk.b.IsMentorsRoom(req.Msg.Room) {
		return tk.fromMentors(ctx, req)
	}
	if lang, ok := asksForHuman(req.Msg.Text); ok {
		req.Lang = lang
		tk.handToHuman(ctx, req, "")
		return true
	}
	return tk.converse(ctx, req) || tk.dissatisfiedWithList(ctx, req) || tk.feedbackHook(ctx, req)
}

// ticketOf is the unresolved ticket whose conversation m belongs to, or nil:
// in a thread, the asker's ticket asked in that thread; outside threads,
// their latest one in that room.
func (tk *Desk) ticketOf(ctx context.Context, m bot.Message) *Ticket {
	ts, err := tk.store.AskerTickets(ctx, m.Room, m.Sender.ID)
	if err != nil {
		tk.log.Error("looking for the asker's tickets failed", "err", err)
		return nil
	}
	if len(ts) == 0 {
		return nil
	}
	if ts[0].MsgID == m.ID && m.ID != "" {
		return nil // the question itself, handled again after a crash
	}
	for _, t := range ts {
		if m.ThreadID != "" && (m.ThreadID == t.ThreadID || m.ThreadID == t.MsgID) {
			return t // the thread of the question: always its conversation
		}
	}
	if m.ThreadID != "" {
		return nil // another thread: another conversation
	}
	t := ts[0]
	if !m.Room.Direct && (tk.people.toOther(m, tk.b.Name(), tk.clock.Now()) || tk.clock.Now().Sub(t.Updated) > sharedRoomPause) {
		return nil
	}
	return t
}

// converse adds the asker's message to their open ticket and relays it to
// the mentors, unless it closes the ticket or is clearly a new question.
func (tk *Desk) converse(ctx context.Context, req *bot.Request) bool {
	t := tk.ticketOf(ctx, req.Msg)
	if t == nil {
		return tk.reopenByAsker(ctx, req)
	}
	req.Lang = t.Lang
	text := strings.TrimSpace(req.Msg.Text)
	switch closing(text) {
	case solved:
		tk.closeByAsker(ctx, req, t)
		return true
	case thanks:
		if t.Answer != "" {
			tk.closeByAsker(ctx, req, t)
			return true
		}
		if tk.justAnswered(req.Msg) {
			return false // thanks for the FAQ answer just given: feedback
		}
		// before any answer, « merci » or « super » is still the asker
		// talking to the mentors: it joins the conversation
		tk.followUp(ctx, req, t)
		return true
	}
	if strings.IndexFunc(text, func(r rune) bool { return !unicode.IsDigit(r) && !unicode.IsSpace(r) }) < 0 {
		return false // "2": a pick from a list the bot offered
	}
	if e := tk.clearlyNew(ctx, req, t); e != nil {
		if readsAsQuestion(text) && !tk.awaitsAsker(ctx, t) && !severalSentences(text) {
			return false
		}
		// « Canon MG3650. Au fait, combien coûte la formation ? » after
		// a mentor's « Quel modèle ? »: the mentor gets it all, the FAQ
		// answers its question as well, never instead
		tk.followUp(ctx, req, t)
		tk.reply(ctx, req, e.Body)
		return true
	}
	tk.followUp(ctx, req, t)
	return true
}

// awaitsAsker reports whether the last words of ticket t's conversation
// are a mentor's question to the asker: the asker's next message is the
// reply, whatever else it says.
func (tk *Desk) awaitsAsker(ctx context.Context, t *Ticket) bool {
	evs, err := tk.store.TicketEvents(ctx, t.ID)
	if err != nil {
		return true
	}
	said := Conversation(t, evs)
	if len(said) == 0 {
		return false
	}
	last := said[len(said)-1]
	return !last.Asker && strings.Contains(last.Text, "?")
}

// severalSentences reports whether text has more than one sentence (a
// full stop, exclamation or question mark followed by more words).
func severalSentences(text string) bool {
	text = strings.TrimSpace(text)
	for i, r := range text {
		if (r == '.' || r == '!' || r == '?' || r == ';') && strings.ContainsFunc(text[i+1:], unicode.IsLetter) {
			return true
		}
	}
	return false
}

// followUp records the asker's message in ticket t and shows it to the
// mentors, in the notice's thread where there are threads, prefixed with
// the ticket's number everywhere.
func (tk *Desk) followUp(ctx context.Context, req *bot.Request, t *Ticket) {
	tk.relayAs(ctx, req, t, "ticket.follow_up")
}

// relayAs is followUp with the mentors' heading key (number, asker).
func (tk *Desk) relayAs(ctx context.Context, req *bot.Request, t *Ticket, head string) {
	text := strings.TrimSpace(req.Msg.Text)
	if _, err := tk.record(ctx, t.ID, "message", ActorOf(req.Msg.Room.Adapter, req.Msg.Sender), text); err != nil {
		tk.log.Error("adding a message to a ticket failed", "ticket", t.ID, "err", err)
		tk.reply(ctx, req, req.T("ticket.not_recorded"))
		return
	}
	lang := tk.mentorsLang()
	tk.toMentors(ctx, bot.T(lang, head, t.ID, tk.who(t))+"\n"+bot.Quote(clip(text, 1500)), t.NoticeID)
}

// record appends a message or a resolution by actor to ticket id's history,
// after any answer being relayed to the asker.
func (tk *Desk) record(ctx context.Context, id int64, action string, actor Actor, text string) (*Ticket, error) {
	tk.afterAnswer(ctx, id)
	now := tk.clock.Now()
	ev := Event{At: now, Kind: action, Actor: actor, Note: text}
	return tk.store.UpdateTicket(ctx, id, ev, func(t *Ticket) error {
		if err := t.check(action, actor, false); err != nil {
			return err
		}
		t.apply(action, actor, text, now)
		return nil
	})
}

// closeByAsker resolves t on the asker's word ("c'est réglé", or thanks
// after an answer): their message joins the history, the ticket is
// resolved in their name, and the mentors are told.
func (tk *Desk) closeByAsker(ctx context.Context, req *bot.Request, t *Ticket) {
	text := strings.TrimSpace(req.Msg.Text)
	asker := ActorOf(req.Msg.Room.Adapter, req.Msg.Sender)
	if _, err := tk.record(ctx, t.ID, "message", asker, text); err != nil {
		tk.log.Error("adding a message to a ticket failed", "ticket", t.ID, "err", err)
		tk.reply(ctx, req, req.T("ticket.not_recorded"))
		return
	}
	if _, err := tk.record(ctx, t.ID, "resolve", asker, ""); err != nil {
		tk.log.Error("resolving a ticket failed", "ticket", t.ID, "err", err)
	} else {
		tk.rememberResolved(t)
	}
	tk.reply(ctx, req, req.T("ticket.closed_by_asker", t.ID))
	lang := tk.mentorsLang()
	tk.toMentors(ctx, bot.T(lang, "ticket.asker_closed", t.ID, tk.who(t))+"\n"+bot.Quote(clip(text, 300)), t.NoticeID)
}

// fromMentors handles a message in the mentors' room: a mentor's reply in
// the thread of a ticket's notice (or a reply to the notice) is an answer
// to the asker, unless it starts with privatePrefix. Anything else there is
// the mentors' own talk.
func (tk *Desk) fromMentors(ctx context.Context, req *bot.Request) bool {
	m := req.Msg
	root := m.ThreadID
	if root == "" {
		root = m.ReplyTo
	}
	if root == "" {
		return false
	}
	t, err := tk.store.TicketByNotice(ctx, root)
	if errors.Is(err, ErrNoTicket) {
		return false
	}
	if err != nil {
		tk.log.Error("finding the ticket of a thread failed", "err", err)
		return false
	}
	text := strings.TrimSpace(m.Text)
	if !req.IsMentor() || strings.HasPrefix(text, privatePrefix) {
		return true
	}
	req.Lang = tk.mentorsLang()
	if _, err := tk.answer(ctx, t.ID, ActorOf(m.Room.Adapter, m.Sender), req.IsAdmin(), text, true); err != nil {
		if err := tk.refusal(ctx, req, t.ID, err); err != nil {
			tk.log.Error("answering from a thread failed", "ticket", t.ID, "err", err)
		}
	}
	return true
}

// clearlyNew returns the FAQ entry that answers the asker's message when,
// although their ticket is open, it is a new question: it reads as a
// question, does not go on from what was said ("oui mais…", "et pour…"),
// the FAQ answers it confidently with no close second, and it shares no
// significant word with the ticket's conversation (its question, answers
// and messages; what was said before the ticket opened does not count).
// Otherwise it returns nil and the message is relayed: a mentor reading one
// message too many costs less than an asker answered beside the point.
func (tk *Desk) clearlyNew(ctx context.Context, req *bot.Request, t *Ticket) *faq.Entry {
	matcher, _ := tk.b.FAQ()
	text := req.Msg.Text
	if matcher == nil || !(readsAsQuestion(text) || saysLost(text)) || goesOn(text) {
		return nil
	}
	res := matcher.Match(text, t.Lang)
	if res.Decision != faq.Answer || res.Entry == nil || len(res.SeeAlso) > 0 || res.Chitchat != "" {
		return nil
	}
	evs, err := tk.store.TicketEvents(ctx, t.ID)
	if err != nil {
		return nil
	}
	var said []string
	for _, s := range Conversation(t, evs) {
		said = append(said, s.Text)
	}
	before := significantWords(strings.Join(said, " "))
	for w := range significantWords(text) {
		if before[w] {
			return nil
		}
	}
	return res.Entry
}

// readsAsQuestion: a question mark, or a question word first.
func readsAsQuestion(text string) bool {
	if strings.Contains(text, "?") {
		return true
	}
	words := foldedWords(text)
	return len(words) > 0 && questionWords[words[0]]
}

var questionWords = setOf(`comment combien quand ou pourquoi quel quelle quels quelles qui est peut peux puis
	how what when where why which who can could do does is are`)

// saysLost reports whether a message states a loss the FAQ often answers
// (« j'ai perdu mon mot de passe Mastodon ») without asking: with an open
// ticket it is relayed, and answered from the FAQ as well.
func saysLost(text string) bool {
	joined := strings.Join(foldedWords(text), " ") + " "
	for _, p := range lostPhrases {
		if strings.HasPrefix(joined, p+" ") {
			return true
		}
	}
	return false
}

var lostPhrases = phrases(`j ai perdu|j ai oublie|je ne retrouve plus|je ne trouve plus|
	i lost|i forgot|i ve lost|i ve forgotten|i have lost|i have forgotten|i can t find`)

// goesOn reports whether a message starts like the next line of a
// conversation rather than a new subject.
func goesOn(text string) bool {
	words := foldedWords(text)
	return len(words) > 0 && continuations[words[0]]
}

var continuations = setOf(`oui non si mais et toujours encore pareil meme aussi sinon ok d alors donc
	yes no but and still also same ok okay so then`)

// The asker's words that close their ticket.
const (
	notClosing = iota
	thanks     // thanks: closes a ticket that had an answer
	solved     // "c'est réglé", "ça marche", "problem solved": closes it whatever its state
)

var (
	solvedPhrases = phrases(`c est regle|c est resolu|c est bon|c est ok|probleme regle|probleme resolu|
		ca marche maintenant|ca fonctionne maintenant|laissez tomber|laisse tomber|plus besoin|
		it s solved|it is solved|solved|resolved|all good|it works now|never mind|nevermind|no longer needed`)
	// at the start only: « ça marche ! » closes, « est-ce que ça marche
	// avec Windows » does not
	worksPhrases  = phrases(`ca marche|ca fonctionne|ca remarche|ok ca marche|it works|it s working`)
	thanksPhrases = phrases(`merci|ok merci|oui merci|super|parfait|genial|top|nickel|impeccable|
		thanks|thank you|thx|great|perfect|👍`)
	// any of these words makes a closing phrase a new problem: "merci mais
	// toujours E-05", "thanks, but it still fails"
	notClosed = setOf(`mais pas toujours encore ne n plus probleme erreur bug panne souci but not still again doesn don t isn won error fails`)
)

// closing classifies a short message of the asker about their ticket.
func closing(text string) int {
	if strings.Contains(text, "?") {
		return notClosing
	}
	words := foldedWords(text)
	if len(words) == 0 || len(words) > 10 {
		return notClosing
	}
	for _, w := range words {
		if notClosed[w] {
			return notClosing
		}
	}
	joined := " " + strings.Join(words, " ") + " "
	for _, p := range solvedPhrases {
		if strings.Contains(joined, " "+p+" ") {
			return solved
		}
	}
	for _, p := range worksPhrases {
		if strings.HasPrefix(joined, " "+p+" ") {
			return solved
		}
	}
	for _, p := range thanksPhrases {
		if strings.HasPrefix(joined, " "+p+" ") {
			return thanks
		}
	}
	return notClosing
}

// toSomeoneElse reports whether a room message is addressed to another
// person ("@alice …", "alice: …").
func toSomeoneElse(text, botName string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(text), " ")
	var name string
	switch {
	case strings.HasPrefix(first, "@") && len(first) > 1:
		name = strings.TrimRight(first[1:], ":,")
	case strings.HasSuffix(first, ":") && len(first) > 1 && !strings.Contains(first, "//"):
		name = strings.TrimSuffix(first, ":")
	default:
		return false
	}
	if i := strings.IndexAny(name, ":@"); i > 0 {
		name = name[:i]
	}
	return !strings.EqualFold(name, botName)
}

// foldedWords splits text into lowercase words without accents, apostrophes
// and hyphens splitting too ("c'est" → "c", "est").
func foldedWords(text string) []string {
	return strings.FieldsFunc(faq.Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '👍' && r != '👎'
	})
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// phrases splits a "|"-separated list of phrases, folding each like
// foldedWords folds messages.
func phrases(list string) []string {
	var out []string
	for _, p := range strings.Split(list, "|") {
		if w := foldedWords(p); len(w) > 0 {
			out = append(out, strings.Join(w, " "))
		}
	}
	return out
}
