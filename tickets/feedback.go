package tickets

import (
	"context"
	"strings"
	"time"
	"unicode"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
)

// AnswerRecord remembers one FAQ answer the bot gave, so that the asker's
// next words or a reaction on it can be counted as feedback. Records are
// stored, so feedback still works after a restart.
type AnswerRecord struct {
	ID       int64
	Room     bot.Room
	Asker    bot.User
	MsgID    string // the question's message id
	ThreadID string
	SentID   string // the id of the bot's answer, target of reactions
	EntryID  string
	Question string
	Lang     string
	At       time.Time
	Feedback bool  // the asker already answered it with feedback words
	TicketID int64 // ticket opened because it did not help; 0 if none
	Picked   bool  // the asker chose the entry by number from an offered list
}

// Feedback is one vote on a FAQ answer. Each user has one vote per answer:
// a later vote replaces the earlier one.
type Feedback struct {
	AnswerID int64
	EntryID  string
	User     Actor
	Helpful  bool
	Source   string // "text" or "reaction"
	At       time.Time
}

// FeedbackStat counts the votes on one FAQ entry.
type FeedbackStat struct {
	EntryID             string
	Helpful, NotHelpful int
}

// FeedbackStore keeps FAQ answers and the votes on them.
type FeedbackStore interface {
	// RecordAnswer stores a and sets a.ID.
	RecordAnswer(ctx context.Context, a *AnswerRecord) error
	// LastAnswer is the latest answer to user in room given at or after
	// since, or nil.
	LastAnswer(ctx context.Context, room bot.Room, userID string, since time.Time) (*AnswerRecord, error)
	// AnswerBySentID finds the answer whose bot message has that id, or nil.
	AnswerBySentID(ctx context.Context, adapter, sentID string) (*AnswerRecord, error)
	// AddFeedback records a vote; a "text" vote also marks the answer as
	// having had its feedback (AnswerRecord.Feedback).
	AddFeedback(ctx context.Context, f Feedback) error
	// OpenAnswerTicket stores t like CreateTicket and links answer answerID
	// to it, in one transaction, unless that answer already has a ticket:
	// then nothing is stored, t.ID is set to the existing ticket and created
	// is false. Two votes at once on one answer thus open one ticket.
	OpenAnswerTicket(ctx context.Context, answerID int64, t *Ticket) (created bool, err error)
	// FeedbackStats counts votes per entry, most "not helpful" first.
	FeedbackStats(ctx context.Context) ([]FeedbackStat, error)
	// EntryUsage counts, per entry, the answers given and the helpful
	// votes that were words ("merci") rather than reactions.
	EntryUsage(ctx context.Context) (answers, thanks map[string]int, err error)
}

// Feedback words, compared after folding accents and case. Negative phrases
// are tried first: "ça marche pas" starts like "ça marche".
var (
	negativeWords = [][]string{
		{"ca", "ne", "marche", "pas"}, {"ca", "marche", "pas"}, {"ca", "ne", "fonctionne", "pas"},
		{"ca", "fonctionne", "pas"}, {"pas", "du", "tout"}, {"ca", "n", "aide", "pas"}, {"non"},
		{"pas", "vraiment"}, {"toujours", "pas"}, {"no"}, {"nope"}, {"it", "doesn", "t", "work"},
		{"doesn", "t", "work"}, {"it", "does", "not", "work"}, {"not", "really"}, {"not", "at", "all"},
		{"still", "not"}, {"not", "helpful"}, {"👎"}, {"nan"}, {"nah"}, {"non", "plus"},
	}
	positiveWords = [][]string{
		{"merci"}, {"ca", "marche"}, {"ca", "fonctionne"}, {"super"}, {"parfait"}, {"genial"}, {"top"},
		{"nickel"}, {"impeccable"}, {"oui", "merci"}, {"ok", "merci"}, {"thanks"}, {"thank", "you"},
		{"it", "works"}, {"great"}, {"perfect"}, {"👍"},
	}
)

// maxFeedbackWords is the longest message read as feedback: anything longer
// is a new question.
const maxFeedbackWords = 8

// FeedbackVerdict classifies a short reply to a FAQ answer: +1 helpful, -1
// not helpful, 0 not feedback at all.
func FeedbackVerdict(text string) int {
	words := strings.FieldsFunc(faq.Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '👍' && r != '👎'
	})
	if len(words) == 0 || len(words) > maxFeedbackWords {
		return 0
	}
	if startsWithAny(words, negativeWords) {
		return -1
	}
	if startsWithAny(words, positiveWords) {
		return 1
	}
	return 0
}

func startsWithAny(words []string, phrases [][]string) bool {
	for _, p := range phrases {
		if len(p) > len(words) {
			continue
		}
		ok := true
		for i := range p {
			if words[i] != p[i] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// Reaction keys counted as votes.
func reactionVerdict(key string) int {
	switch strings.TrimRight(key, "\ufe0f") {
	case "👍", "+1", "👍🏻", "👍🏼", "👍🏽", "👍🏾", "👍🏿", "✅", "❤", "❤️":
		return 1
	case "👎", "-1", "👎🏻", "👎🏼", "👎🏽", "👎🏾", "👎🏿", "❌":
		return -1
	}
	return 0
}

// rememberAnswer is the Answered hook: it stores which entry answered whom.
func (tk *Desk) rememberAnswer(ctx context.Context, req *bot.Request, sentID string) {
	if req.Match == nil || req.Match.Entry == nil {
		return
	}
	q, lang, picked := req.Msg.Text, req.Lang, false
	if o := req.OfferedFor(); o != nil {
		// "2" after a list: the question asked is the one the list answered,
		// and the asker's choice says which entry answers it.
		q, lang, picked = o.Msg.Text, o.Lang, true
	}
	rec := &AnswerRecord{Room: req.Msg.Room, Asker: req.Msg.Sender, MsgID: req.Msg.ID, ThreadID: req.Msg.ThreadID,
		SentID: sentID, EntryID: req.Match.Entry.ID, Question: q, Lang: lang, At: tk.clock.Now(), Picked: picked}
	if err := tk.store.RecordAnswer(ctx, rec); err != nil {
		tk.log.Error("recording a FAQ answer failed", "err", err)
		return
	}
	tk.setLastTurn(req.Msg, rec.ID)
}

// lastTurn remembers, per room and person, whether the bot's last word to
// them was a FAQ answer (its record id) or whether they have moved on since
// (0). Feedback words only count in the first case. After a restart the map
// is empty and the stored answer record alone decides.
type lastTurn struct {
	answerID int64
	at       time.Time
}

func (tk *Desk) setLastTurn(m bot.Message, answerID int64) {
	now := tk.clock.Now()
	tk.mu.Lock()
	defer tk.mu.Unlock()
	if len(tk.turns) > 10000 { // forget conversations that ended long ago
		for k, v := range tk.turns {
			if now.Sub(v.at) > tk.opts.FeedbackWindow {
				delete(tk.turns, k)
			}
		}
	}
	tk.turns[convKey(m)] = lastTurn{answerID: answerID, at: now}
}

// movedOn reports whether the person said something else after answer id.
func (tk *Desk) movedOn(m bot.Message, answerID int64) bool {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	t, ok := tk.turns[convKey(m)]
	return ok && t.answerID != answerID
}

// justAnswered reports whether the bot's last word to the person was a FAQ
// answer.
func (tk *Desk) justAnswered(m bot.Message) bool {
	tk.mu.Lock()
	defer tk.mu.Unlock()
	t, ok := tk.turns[convKey(m)]
	return ok && t.answerID != 0 && tk.clock.Now().Sub(t.at) <= tk.opts.FeedbackWindow
}

// feedbackHook is the Before hook: right after a FAQ answer, "merci" or "ça
// ne marche pas" from the same person in the same room is feedback, not a
// question.
func (tk *Desk) feedbackHook(ctx context.Context, req *bot.Request) bool {
	if bot.IsCommand(req.Msg.Text) || tk.b.IsMentorsRoom(req.Msg.Room) {
		return false
	}
	v := FeedbackVerdict(req.Msg.Text)
	if v == 0 {
		tk.setLastTurn(req.Msg, 0) // a new question: the last answer is behind us
		return false
	}
	now := tk.clock.Now()
	rec, err := tk.store.LastAnswer(ctx, req.Msg.Room, req.Msg.Sender.ID, now.Add(-tk.opts.FeedbackWindow))
	if err != nil {
		tk.log.Error("reading the last FAQ answer failed", "err", err)
		return false
	}
	if rec == nil || rec.Feedback || tk.movedOn(req.Msg, rec.ID) {
		return false
	}
	req.Lang = bot.NormLang(rec.Lang)
	f := Feedback{AnswerID: rec.ID, EntryID: rec.EntryID, User: ActorOf(req.Msg.Room.Adapter, req.Msg.Sender),
		Helpful: v > 0, Source: "text", At: now}
	if err := tk.store.AddFeedback(ctx, f); err != nil {
		tk.log.Error("recording feedback failed", "err", err)
		return false
	}
	if v > 0 {
		tk.reply(ctx, req, req.T("feedback.thanks"))
		return true
	}
	tk.notHelpful(ctx, rec, req.Msg.Text)
	return true
}

// reactionHook counts 👍/👎 on a FAQ answer; 👎 from the asker opens a ticket.
func (tk *Desk) reactionHook(ctx context.Context, r bot.Reaction) {
	v := reactionVerdict(r.Key)
	if v == 0 || r.TargetID == "" {
		return
	}
	rec, err := tk.store.AnswerBySentID(ctx, r.Room.Adapter, r.TargetID)
	if err != nil {
		tk.log.Error("finding the answer of a reaction failed", "err", err)
		return
	}
	if rec == nil {
		if v < 0 {
			// 👎 on a "did you mean" list: none of these fits
			m := bot.Message{ID: r.TargetID, Room: r.Room, Sender: r.Sender}
			tk.listRejected(ctx, m, "👎")
		}
		return
	}
	f := Feedback{AnswerID: rec.ID, EntryID: rec.EntryID, User: ActorOf(r.Room.Adapter, r.Sender),
		Helpful: v > 0, Source: "reaction", At: tk.clock.Now()}
	if err := tk.store.AddFeedback(ctx, f); err != nil {
		tk.log.Error("recording feedback failed", "err", err)
		return
	}
	if v < 0 && r.Sender.ID == rec.Asker.ID && rec.TicketID == 0 {
		tk.notHelpful(ctx, rec, "")
	}
}

// notHelpful opens a ticket about an answer that did not help and tells the
// asker. said is the asker's words ("" for a reaction).
func (tk *Desk) notHelpful(ctx context.Context, rec *AnswerRecord, said string) {
	if rec.TicketID == 0 {
		t := &Ticket{Origin: OriginFeedback, Asker: rec.Asker, Room: rec.Room, MsgID: rec.MsgID, ThreadID: rec.ThreadID,
			Question: rec.Question, Lang: rec.Lang, EntryID: rec.EntryID,
			Context: tk.history.recent(rec.Room.Key()+"|"+rec.Asker.ID, tk.clock.Now())}
		if said != "" {
			t.Question = rec.Question + "\n(" + strings.TrimSpace(said) + ")"
		}
		tk.prepare(t)
		created, err := tk.store.OpenAnswerTicket(ctx, rec.ID, t)
		if err != nil {
			tk.log.Error("opening a ticket failed", "err", err)
			tk.tellAsker(ctx, rec.Room, rec.Asker, rec.MsgID, rec.ThreadID, rec.Lang, bot.T(rec.Lang, "ticket.not_recorded"))
			return
		}
		if created {
			tk.tellAsker(ctx, rec.Room, rec.Asker, rec.MsgID, rec.ThreadID, rec.Lang, bot.T(rec.Lang, "feedback.ticket_opened", t.ID))
			tk.notify(ctx, t, nil)
			return
		}
		rec.TicketID = t.ID // another vote opened it a moment ago
	}
	if said != "" { // a repeated 👎 stays quiet; words get an answer
		tk.tellAsker(ctx, rec.Room, rec.Asker, rec.MsgID, rec.ThreadID, rec.Lang, bot.T(rec.Lang, "feedback.already_ticket", rec.TicketID))
	}
}

func (tk *Desk) tellAsker(ctx context.Context, room bot.Room, asker bot.User, msgID, thread, lang, text string) {
	if _, err := tk.b.Send(ctx, bot.Reply{Room: room, Text: text, InReplyTo: msgID, ThreadID: thread, Mention: &asker}); err != nil {
		tk.log.Error("send failed", "room", room.Key(), "err", err)
	}
}

// convKey names a person's conversation with the bot in one room.
func convKey(m bot.Message) string { return m.Room.Key() + "|" + m.Sender.ID }

// noneOfThese are replies to a "did you mean" list saying none fits, beside
// the negative feedback words.
var noneOfThese = phrases(`0|aucune|aucun|aucune ne convient|aucune des deux|rien de tout ca|ni l un ni l autre|
	none|none of these|none of them|neither|no one of them|nothing fits`)

// dissatisfiedWithList opens a ticket when the asker answers a "did you
// mean" list with "ça ne marche pas", "non", "aucune", 👎: the question
// goes to the mentors with the titles that were offered, and the asker gets
// its number. (A list the asker ignored for FeedbackWindow is behind them.)
func (tk *Desk) dissatisfiedWithList(ctx context.Context, req *bot.Request) bool {
	text := strings.TrimSpace(req.Msg.Text)
	folded := strings.Join(foldedWords(text), " ")
	none := false
	for _, p := range noneOfThese {
		if folded == p {
			none = true
		}
	}
	if !none && FeedbackVerdict(text) >= 0 {
		return false
	}
	return tk.listRejected(ctx, req.Msg, text)
}

// listRejected opens a ticket with the question of m's conversation's
// "did you mean" list, when the bot's last word to them was one, and tells
// them its number. said is how they rejected it (words, or 👎).
func (tk *Desk) listRejected(ctx context.Context, m bot.Message, said string) bool {
	turn, ok := tk.history.last(convKey(m), tk.clock.Now(), tk.opts.FeedbackWindow)
	if !ok || turn.Reply != ReplyList {
		return false
	}
	lang := turn.Lang // the list's language: « 0 » alone tells none
	if lang == "" {
		lang = tk.b.RoomLang(m.Room)
	}
	t := &Ticket{Origin: OriginUnanswered, Asker: m.Sender, Room: m.Room, MsgID: m.ID,
		ThreadID: m.ThreadID, Question: turn.Said + "\n(" + said + ")", Lang: lang,
		Context: tk.contextOf(m)}
	// the list is answered: a second 👎 opens nothing more
	tk.history.add(convKey(m), Turn{At: tk.clock.Now(), Said: said, Reply: ReplyOther, Lang: lang})
	if err := tk.open(ctx, t); err != nil {
		tk.log.Error("opening a ticket failed", "err", err)
		tk.tellAsker(ctx, m.Room, m.Sender, m.ID, m.ThreadID, lang, bot.T(lang, "ticket.not_recorded"))
		return true
	}
	tk.tellAsker(ctx, m.Room, m.Sender, m.ID, m.ThreadID, lang, bot.T(lang, "feedback.list_ticket", t.ID))
	if !t.Repeat {
		tk.notify(ctx, t, nil)
	}
	return true
}
