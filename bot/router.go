package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"codeberg.org/entraide/entraide/faq"
)

// Message implements Inbox: it routes one incoming message.
func (b *Bot) Message(ctx context.Context, m Message) {
	if faq.IsBlank(m.Text) {
		return // nothing visible: spaces, zero-width or bidi marks only
	}
	req := &Request{Bot: b, Msg: m, Lang: b.langHint(m)}
	defer b.observe(req, time.Now())
	// The rate limit (BeforeFirst) sees every message; the other features
	// only those of a sensible size.
	for i, h := range b.before {
		if i == b.firstBefore && b.tooLong(ctx, req) {
			return
		}
		if h(ctx, req) {
			return
		}
	}
	if len(b.before) == b.firstBefore && b.tooLong(ctx, req) {
		return
	}
	if name, args, ok := parseCommand(m.Text); ok {
		req.Args = args
		b.runCommand(ctx, req, name)
		return
	}
	if b.IsMentorsRoom(m.Room) {
		return // mentors talk among themselves there; only commands are for the bot
	}
	if name, rest := addressee(m.Text); name != "" {
		switch {
		case b.isBotName(name):
			if rest == "" {
				rest = "bonjour"
			}
			req.Msg.Text, req.addressed = rest, true
		case b.opts.QuestionsOnly && !m.Room.Direct:
			return // "@alice ..." or "alice: ...": people talking to each other
		}
	}
	if b.pickSuggestion(ctx, req) {
		return
	}
	if lang, ok := helpRequest(req.Msg.Text); ok {
		// "aide" or "help?" alone is a request for the command list, not a
		// question for the FAQ or the mentors.
		name := "aide"
		if lang == "en" {
			name = "help" // the alias's language is the answer's, as for "!help"
		}
		b.runCommand(ctx, req, name)
		return
	}
	b.answerFromFAQ(ctx, req)
}

// helpWords are whole messages that ask for the bot's help, by language.
var helpWords = map[string]string{"aide": "fr", "aidez moi": "fr", "au secours": "fr", "a l aide": "fr",
	"help": "en", "help me": "en"}

// helpRequest reports whether text is only a call for help, and its language.
func helpRequest(text string) (string, bool) {
	t := strings.Map(func(r rune) rune {
		switch r {
		case '\'', '-':
			return ' '
		case '?', '!', '.', ',', ':', ';':
			return -1
		}
		return r
	}, faq.Fold(text)) // Fold lowercases, drops accents and straightens apostrophes
	lang, ok := helpWords[strings.Join(strings.Fields(t), " ")]
	return lang, ok
}

// Reaction implements Inbox.
func (b *Bot) Reaction(ctx context.Context, r Reaction) {
	for _, h := range b.reactions {
		h(ctx, r)
	}
}

func (b *Bot) langHint(m Message) string {
	if m.Lang != "" {
		return normLang(m.Lang)
	}
	return normLang(b.RoomLang(m.Room))
}

// explicitLang is the language a message is known to be in without reading
// it: the adapter's tag, else the room's configured language, else "". The
// bot's default language is left out: it is a fallback, not a clue.
func (b *Bot) explicitLang(m Message) string {
	if m.Lang != "" {
		return normLang(m.Lang)
	}
	if l, ok := b.opts.RoomLang[m.Room.Key()]; ok {
		return normLang(l)
	}
	return ""
}

func (b *Bot) answerFromFAQ(ctx context.Context, req *Request) {
	matcher, _ := b.FAQ()
	var res faq.Result
	if matcher != nil {
		hint := b.explicitLang(req.Msg)
		if hint == "" {
			// a message too short to tell ("1", "ok", "bye") continues the
			// conversation in its language
			hint = b.engage.lastLang(pendingKey(req.Msg), time.Now())
		}
		res = matcher.Match(req.Msg.Text, hint)
	}
	req.Match = &res
	if res.Lang != "" {
		req.Lang = normLang(res.Lang)
	}
	engaged := b.engaged(req)
	switch {
	case res.Chitchat == "greeting" || res.Chitchat == "presence":
		// "bonjour", "quelqu'un est là ?": the welcome says how to ask
		if !b.opts.QuestionsOnly || req.Msg.Room.Direct || req.addressed ||
			b.engage.welcome(pendingKey(req.Msg), time.Now()) {
			b.reply(ctx, req, req.T("welcome", b.opts.Name))
		}
	case !engaged && (res.Decision != faq.Answer || res.Entry == nil || res.Chitchat != ""):
		// conversation between people: a confident answer is the only
		// thing worth interrupting them for
	case res.Chitchat != "":
		if b.runHooks(ctx, req, b.unanswered) {
			break
		}
		switch res.Chitchat {
		case "thanks":
			b.reply(ctx, req, req.T("thanks"))
		case "farewell":
			b.reply(ctx, req, req.T("farewell"))
		}
		// "ok", "lol": nothing to say
	case res.Decision == faq.Answer && res.Entry != nil:
		text := res.Entry.Body
		if len(res.SeeAlso) > 0 {
			// a close call: the runner-up is one number away
			text += "\n\n" + b.offer(req, res.SeeAlso, "see_also", "see_also_pick")
		}
		id := b.reply(ctx, req, text)
		for _, h := range b.answered {
			h(ctx, req, id)
		}
	case res.Vague:
		b.reply(ctx, req, req.T("vague"))
	case res.Decision == faq.Suggest && len(res.Suggestions) > 0:
		if !b.runHooks(ctx, req, b.unsure) {
			b.suggest(ctx, req, res.Suggestions)
		}
	default:
		if !b.runHooks(ctx, req, b.unanswered) {
			b.reply(ctx, req, req.T("dont_know"))
		}
	}
}

func (b *Bot) runHooks(ctx context.Context, req *Request, hooks []Hook) bool {
	for _, h := range hooks {
		if h(ctx, req) {
			return true
		}
	}
	return false
}

func pendingKey(m Message) string { return m.Room.Key() + "|" + m.Sender.ID }

func (b *Bot) suggest(ctx context.Context, req *Request, entries []*faq.Entry) {
	b.reply(ctx, req, b.offer(req, entries, "did_you_mean", "pick_number"))
}

// offer numbers entries under the head sentence, ends with the how-to-pick
// sentence, and remembers the list so that the asker's next "2" picks
// entry 2 and "0" hands the question over.
func (b *Bot) offer(req *Request, entries []*faq.Entry, head, pick string) string {
	if len(entries) > 3 {
		entries = entries[:3]
	}
	var sb strings.Builder
	sb.WriteString(req.T(head))
	for i, e := range entries {
		fmt.Fprintf(&sb, "\n%d. %s", i+1, e.Title)
	}
	// a blank line: in Markdown a line right under a list item belongs
	// to that item
	sb.WriteString("\n\n" + req.T(pick))
	b.mu.Lock()
	b.pending[pendingKey(req.Msg)] = suggestion{entries: entries, question: *req, at: time.Now()}
	b.mu.Unlock()
	return sb.String()
}

// suggestion is a "did you mean" list waiting for the asker's pick.
type suggestion struct {
	entries  []*faq.Entry
	question Request // the original question, escalated if none fits
	at       time.Time
}

// suggestionTTL bounds how long a bare number is read as a pick.
const suggestionTTL = 30 * time.Minute

// noneFits are replies meaning "none of these": the question then goes the
// way of any unanswered one (to the mentors when tickets are on).
var noneFits = map[string]bool{"0": true, "aucun": true, "aucune": true, "rien": true, "none": true,
	"neither": true, "autre": true, "other": true, "aucune ne convient": true, "none of them": true}

// pickSuggestion answers "2" after a "did you mean" list with entry 2.
func (b *Bot) pickSuggestion(ctx context.Context, req *Request) bool {
	key := pendingKey(req.Msg)
	b.mu.Lock()
	sug, ok := b.pending[key]
	if ok {
		delete(b.pending, key) // any next message consumes the list
	}
	b.mu.Unlock()
	if !ok || time.Since(sug.at) > suggestionTTL {
		return false
	}
	text := strings.ToLower(strings.Trim(strings.TrimSpace(req.Msg.Text), ".)!"))
	if noneFits[text] {
		orig := sug.question
		if !b.runHooks(ctx, &orig, b.unanswered) {
			b.reply(ctx, &orig, orig.T("dont_know"))
		}
		return true
	}
	n, ok := pickNumber(req.Msg.Text)
	if !ok {
		return false
	}
	if n < 1 || n > len(sug.entries) {
		// « 4 » after three titles: say which numbers there are, and
		// keep the list for the next try
		b.mu.Lock()
		b.pending[key] = sug
		b.mu.Unlock()
		b.reply(ctx, req, sug.question.T("pick_range", len(sug.entries)))
		return true
	}
	e := sug.entries[n-1]
	req.Match = &faq.Result{Decision: faq.Answer, Entry: e, Score: 1, Lang: e.Lang}
	req.offeredFor = &sug.question
	id := b.reply(ctx, req, e.Body)
	for _, h := range b.answered {
		h(ctx, req, id)
	}
	return true
}

// pickNumber reads a pick from a numbered list: « 2 », « le 2 », « n° 2 »,
// « deux », « la deuxième », « the second one ». A bare number of up to
// two digits is a pick even out of range, so that the asker can be told
// which numbers there are.
func pickNumber(text string) (int, bool) {
	words := strings.FieldsFunc(faq.Fold(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for len(words) > 1 && pickFiller[words[0]] {
		words = words[1:]
	}
	if len(words) == 2 && (words[1] == "one" || words[1] == "svp" || words[1] == "please" || words[1] == "merci") {
		words = words[:1]
	}
	if len(words) != 1 {
		return 0, false
	}
	if n, ok := pickWords[words[0]]; ok {
		return n, true
	}
	if n, err := strconv.Atoi(words[0]); err == nil && len(words[0]) <= 2 {
		return n, true
	}
	return 0, false
}

// pickFiller may come before a pick's number: « le 2 », « la première »,
// « numéro 2 », « the first », « option 2 ».
var pickFiller = map[string]bool{"le": true, "la": true, "l": true, "n": true, "no": true, "numero": true,
	"num": true, "choix": true, "option": true, "the": true, "number": true, "nr": true, "c": true, "est": true}

// pickWords are numbers said in words, up to the longest list offered.
var pickWords = map[string]int{
	"un": 1, "une": 1, "premier": 1, "premiere": 1, "1er": 1, "1ere": 1, "one": 1, "first": 1, "1st": 1,
	"deux": 2, "deuxieme": 2, "second": 2, "seconde": 2, "2e": 2, "2eme": 2, "two": 2, "2nd": 2,
	"trois": 3, "troisieme": 3, "3e": 3, "3eme": 3, "three": 3, "third": 3, "3rd": 3,
	"quatre": 4, "quatrieme": 4, "four": 4, "fourth": 4,
}

// reply sends and logs failures; routing code has nobody to return errors to.
func (b *Bot) reply(ctx context.Context, req *Request, text string) string {
	id, err := req.Reply(ctx, text)
	if err != nil {
		b.log.Error("send failed", "room", req.Msg.Room.Key(), "err", err)
	}
	return id
}

// engaged reports whether a message is meant for the bot: in a direct chat,
// addressed to it, a question or call for help, or a follow-up from someone
// it just replied to in that room.
func (b *Bot) engaged(req *Request) bool {
	return !b.opts.QuestionsOnly || req.Msg.Room.Direct || req.addressed || looksLikeRequest(req.Msg.Text) ||
		b.engage.inConversation(pendingKey(req.Msg), time.Now())
}
