package bot

import (
	"strings"
	"sync"
	"time"
	"unicode"
)

// In a shared room most messages are people talking to each other. The bot
// answers a confident FAQ match anywhere, but it only offers suggestions,
// opens tickets or chats back when the message is meant for it: a direct
// chat, a message addressed to the bot, something that reads as a question
// or a call for help, or a follow-up from someone it just talked with.

// conversationWindow is how long after the bot's reply a person's next
// messages in that room count as talking to the bot.
const conversationWindow = 10 * time.Minute

// welcomeEvery limits the welcome in shared rooms to once per person.
const welcomeEvery = 12 * time.Hour

// engagement remembers who the bot talked with, in which language, and
// whom it welcomed.
type engagement struct {
	mu       sync.Mutex
	talked   recent // "room|user" → last reply to them
	welcomed recent // "room|user" → last welcome
}

// recent maps keys to when they were last seen (and, for replies, in which
// language), forgetting those older than keep. Old keys are swept at most
// once a minute, and only past recentSweepAt keys: a sweep walks the whole
// map, and a busy bot must not pay that on every message.
type recent struct {
	at        map[string]mark
	nextSweep time.Time
}

type mark struct {
	at   time.Time
	lang string
}

const recentSweepAt = 10000

// note records key at now; a non-empty lang replaces the one remembered.
func (r *recent) note(key, lang string, now time.Time, keep time.Duration) {
	if r.at == nil {
		r.at = map[string]mark{}
	}
	if len(r.at) > recentSweepAt && !now.Before(r.nextSweep) {
		for k, m := range r.at {
			if now.Sub(m.at) > keep {
				delete(r.at, k)
			}
		}
		r.nextSweep = now.Add(time.Minute)
	}
	if lang == "" {
		lang = r.at[key].lang
	}
	r.at[key] = mark{at: now, lang: lang}
}

// within reports whether key was noted at most d before now.
func (r *recent) within(key string, now time.Time, d time.Duration) bool {
	m, ok := r.at[key]
	return ok && now.Sub(m.at) <= d
}

func (e *engagement) replied(key, lang string, now time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.talked.note(key, lang, now, conversationWindow)
}

// lastLang is the language the bot last replied in to this person in this
// room, within the conversation window, or "": a "1", "ok" or "bye" after
// an English exchange is answered in English.
func (e *engagement) lastLang(key string, now time.Time) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.talked.within(key, now, conversationWindow) {
		return ""
	}
	return e.talked.at[key].lang
}

func (e *engagement) inConversation(key string, now time.Time) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.talked.within(key, now, conversationWindow)
}

// welcome reports whether a greeting in a shared room should get the welcome
// (once per person per welcomeEvery), and records it.
func (e *engagement) welcome(key string, now time.Time) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if m, ok := e.welcomed.at[key]; ok && now.Sub(m.at) < welcomeEvery {
		return false
	}
	e.welcomed.note(key, "", now, welcomeEvery)
	return true
}

// addressee splits a leading "@name" or "name:" off text. It returns "" when
// the message is not addressed to anyone in particular.
func addressee(text string) (name, rest string) {
	text = strings.TrimSpace(text)
	word, after, _ := strings.Cut(text, " ")
	switch {
	case strings.HasPrefix(word, "@") && len(word) > 1:
		name = strings.TrimRight(word[1:], ":,")
	case strings.HasSuffix(word, ":") && len(word) > 1 && !strings.Contains(word, "//"):
		name = strings.TrimSuffix(word, ":")
		if strings.IndexFunc(name, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			return "", text // "10:" is a time, not a name
		}
	default:
		return "", text
	}
	return name, strings.TrimSpace(after)
}

// isBotName reports whether an addressee names the bot ("entraide",
// "@entraide:example.org", "Entraide").
func (b *Bot) isBotName(name string) bool {
	name = strings.ToLower(name)
	if i := strings.IndexAny(name, ":@"); i > 0 {
		name = name[:i] // Matrix "entraide:example.org", XMPP "entraide@..."
	}
	return name == strings.ToLower(b.opts.Name)
}

var (
	questionStarts = words(`comment pourquoi ou où quand combien quel quelle quels quelles qui que quoi
		est-ce estce pouvez peux puis-je peut-on peut y-a-t-il ya avez-vous existe-t-il faut-il dois-je c'est
		cmt pk pq koi kan kel kelle qd
		how what where when why who which whom can could is are do does did will would should may shall any anyone`)
	helpMarkers = []string{"?", "arrive pas", "arrive plus", "n'arrive", "narrive", "impossible", "marche pas",
		"marche plus", "fonctionne pas", "fonctionne plus", "probleme", "problème", " pb", "bug", "erreur",
		"perdu", "oublie", "oublié", "bloque", "bloqué", "besoin", "je voudrais", "je veux", "je cherche",
		"j'aimerais", "comment", "svp", "stp", "s'il vous plait", "s'il vous plaît", "aide", "help",
		"can't", "cannot", "doesn't work", "not working", "broken", "lost", "forgot", "error", "need",
		"i want", "i'd like", "looking for", "please", "how to", "mdp", "password", "mot de passe"}
)

// looksLikeRequest reports whether text reads as a question or a call for
// help rather than conversation ("ok", "je suis d'accord").
func looksLikeRequest(text string) bool {
	t := " " + strings.ToLower(strings.TrimSpace(text))
	for _, m := range helpMarkers {
		if strings.Contains(t, m) {
			return true
		}
	}
	if statesProblem(t) {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimSpace(t), " ")
	first = strings.TrimFunc(first, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' })
	if i := strings.IndexAny(first, "'’"); i > 0 && i < 3 { // "qu'est-ce", "c'est"
		return questionStarts[first] || questionStarts[first[i+1:]]
	}
	return questionStarts[first]
}

// statesProblem reports whether lowercased text says something does not
// work, without a question mark: a verb negated with « ne » ("mon
// téléphone ne se connecte plus", "l'appli ne s'ouvre pas") or an English
// negated auxiliary ("my laptop won't start"). Negated verbs of being,
// having and opinion ("je ne suis pas d'accord", "je ne sais pas", "I
// don't think so") are conversation.
func statesProblem(t string) bool {
	ws := strings.FieldsFunc(strings.ReplaceAll(t, "’", "'"), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	for i, w := range ws {
		if englishNegated[w] && i+1 < len(ws) && !notProblemVerbs[ws[i+1]] {
			return true
		}
		if !negationEnds[w] || i == 0 {
			continue
		}
		verb := ws[i-1]
		if k := strings.IndexByte(verb, '\''); k >= 0 {
			verb = verb[k+1:] // "s'ouvre", "n'arrive"
		}
		if notProblemVerbs[verb] {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if ws[j] == "ne" || strings.HasPrefix(ws[j], "n'") {
				return true
			}
		}
	}
	return false
}

var (
	negationEnds   = words("pas plus jamais")
	englishNegated = words("won't wont doesn't doesnt isn't isnt didn't didnt couldn't couldnt")
	// notProblemVerbs, negated, make conversation rather than a problem
	notProblemVerbs = words(`suis es est sommes êtes etes sont ai as a avons avez ont sais sait savons savez
		pense penses pensons crois croit vois comprends dis veux voulais trouve aime
		think know mind agree care see guess believe want like worry matter`)
)
