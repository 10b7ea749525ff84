package faq

import "strings"

// A question asking "how many X" or "how long" wants a number for an
// answer: an entry that never states a number of X (or a duration) cannot
// answer it, however close its words are ("Combien de personnes peuvent
// écrire sur un pad ?" against the entry on creating a pad). The matcher
// then offers the entry instead of answering with it.

// quantityWindow: a number counts the terms up to this many words after it
// ("10 alias", "jusqu'à 2 heures par mois", "50 GB").
const quantityWindow = 2

// durationTerm stands for any unit of time among an entry's counted terms.
const durationTerm = "=duration"

// isQuantity reports whether a folded word states a number ("10", "48h",
// "trois").
func (l *lexicon) isQuantity(w string) bool {
	return w != "" && (w[0] >= '0' && w[0] <= '9' || l.role.numbers[w])
}

// countedTerms calls fn with the term of every word that follows a number
// closely in toks, and with durationTerm when that word is a unit of time.
func (l *lexicon) countedTerms(toks []Token, fn func(term string)) {
	after := quantityWindow + 1 // words since the last number
	for i, t := range toks {
		// "une semaine", "a few days", "quelques heures": a duration
		if l.role.vagueCounts[t.Word] && i+1 < len(toks) && (l.timeTerms[toks[i+1].Word] ||
			l.role.vagueCounts[toks[i+1].Word] && i+2 < len(toks) && l.timeTerms[toks[i+2].Word]) {
			fn(durationTerm)
		}
		if l.isQuantity(t.Word) {
			after = 0
			// "48h", "10min": a unit glued to the number
			if i := strings.IndexFunc(t.Word, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && l.timeTerms[t.Word[i:]] {
				fn(durationTerm)
			}
			continue
		}
		if after >= quantityWindow {
			continue
		}
		after++
		if t.Term == "" {
			continue
		}
		fn(t.Term)
		if l.timeTerms[t.Word] || l.timeTerms[t.Term] {
			fn(durationTerm)
		}
	}
}

// askedQuantity returns what a question asks to count: the term of the
// counted noun ("combien d'alias" → "alias"), durationTerm for "how long"
// and "combien de temps", or "" when it asks for no quantity.
func (l *lexicon) askedQuantity(ws []string) string {
	for i := 0; i+1 < len(ws); i++ {
		var next []string
		switch {
		case ws[i] == "combien" && (ws[i+1] == "de" || ws[i+1] == "d'"):
			next = ws[i+2:]
		case ws[i] == "how" && ws[i+1] == "many":
			next = ws[i+2:]
		case ws[i] == "how" && ws[i+1] == "long":
			return durationTerm
		default:
			continue
		}
		if len(next) == 0 {
			return ""
		}
		w := next[0]
		if l.timeTerms[w] {
			return durationTerm
		}
		if t := l.termOf(w); t != "" {
			if l.timeTerms[t] {
				return durationTerm
			}
			return t
		}
		return ""
	}
	return ""
}

// A question asking whether something exists or is offered ("vous
// hébergez une instance PixelFed ?", "is there an API?") is answered only
// by an entry that names that thing: the object's words must all be in
// the best entry, or the entry is offered instead.

// capability reports whether two words ask whether one can do something:
// "on peut", "peut-on", "je peux", "can we", "can i".
func capability(a, b string) bool {
	switch {
	case a == "on" && b == "peut", a == "peut" && b == "on", a == "je" && b == "peux":
		return true
	case a == "can" && (b == "i" || b == "we"):
		return true
	}
	return false
}

func wordSet(text string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(text) {
		m[w] = true
	}
	return m
}

// maxObject: the object is read up to this many words.
const maxObject = 2

// askedObject returns the terms of the thing a question asks whether the
// FAQ's organisation has or offers, or nil. asked says the message is
// marked as a question ("?"); without it only the inverted forms count
// ("avez-vous", "y a-t-il", "do you", "is there"), since "vous avez un
// bug" or "il y a un souci" state a problem.
func (l *lexicon) askedObject(ws []string, asked bool) []string {
	for i := 0; i+1 < len(ws); i++ {
		rest, inverted, can := -1, false, false
		verb := "" // the action of a "can we" question, when it says something
		switch {
		case (ws[i] == "vous" || ws[i] == "you") && l.role.offerVerbs[ws[i+1]]:
			rest = i + 2
			inverted = i > 0 && (ws[i-1] == "do" || ws[i-1] == "can")
		case l.role.offerVerbs[ws[i]] && ws[i+1] == "vous":
			rest, inverted = i+2, true // "avez-vous", "proposez-vous"
		case ws[i] == "y" && ws[i+1] == "a":
			rest = i + 2 // "il y a", "y a-t-il"
			if rest+1 < len(ws) && ws[rest] == "t" && ws[rest+1] == "il" {
				rest, inverted = rest+2, true
			}
		case ws[i] == "il" && ws[i+1] == "existe":
			rest = i + 2
		case (ws[i] == "is" || ws[i] == "are") && ws[i+1] == "there":
			rest, inverted = i+2, i == 0 || !(ws[i-1] == "there")
		case capability(ws[i], ws[i+1]):
			// "on peut partager un agenda ?", "can we install our own
			// plugins?": the thing to act on must be in the entry
			rest, inverted, can = i+2, ws[i] == "peut" || ws[i] == "can", true
			if rest < len(ws) && ws[rest] == "vous" {
				rest++ // "peut-on vous envoyer un chèque"
			}
			if rest >= len(ws) || l.stop[ws[rest]] || l.role.determiners[ws[rest]] || strings.HasSuffix(ws[rest], "'") {
				continue // "on peut pas", "on peut le faire"
			}
			if toks := l.analyzeWords(ws[rest:min(rest+4, len(ws))]); !l.role.genericVerbs[ws[rest]] && len(toks) > 0 && toks[0].Word == ws[rest] {
				// "programmer un pouet": scheduling must be in the entry
				// too; a verb with its object ("ouvrir un compte") is
				// one thing, read from the object's words
				verb = toks[0].Term
			}
			rest++
		default:
			continue
		}
		if !asked && !inverted {
			continue
		}
		opens := func(w string) bool { return l.role.determiners[w] || can && l.role.ownDeterminers[w] }
		for rest < len(ws) && l.role.also[ws[rest]] {
			rest++ // "vous vendez aussi des téléphones ?"
		}
		if rest >= len(ws) || !opens(ws[rest]) && !(can && l.termOf(ws[rest]) != "") {
			continue // "can I schedule toots" has no determiner
		}
		for rest < len(ws) && (opens(ws[rest]) || l.role.possessives[ws[rest]]) {
			rest++ // "de la", "des", "nos propres"
		}
		if rest == len(ws) || l.role.genericNouns[ws[rest]] || l.common[ws[rest]] {
			return nil
		}
		var out []string
		for _, w := range ws[rest:] {
			if len(out) == maxObject || l.role.determiners[w] {
				break
			}
			t := l.termOf(w)
			if t == "" || l.chitchat[w] != "" {
				break
			}
			out = append(out, t)
		}
		if verb != "" {
			out = append(out, verb)
		}
		return out
	}
	// "instance X disponible ?", "X available?": the thing asked for
	// comes just before the word
	if n := len(ws); asked && n > 1 && l.role.available[ws[n-1]] {
		var out []string
		for i := n - 2; i >= 0 && len(out) < maxObject; i-- {
			t := l.termOf(ws[i])
			if t == "" || l.role.determiners[ws[i]] || l.chitchat[ws[i]] != "" {
				break
			}
			out = append(out, t)
		}
		return out
	}
	return nil
}

// Veto says why the best entry is not given as an answer whatever the
// confidence, or "".
func (a *Analysis) Veto() string {
	switch {
	case a.foreign:
		return "the question names a product or service no entry mentions"
	case a.noCount:
		return "the question asks how many or how long, and the entry states no such number"
	case a.noObject:
		return "the question asks whether something is offered, and the entry does not name it"
	case a.nearMiss != "":
		return "the question names " + a.nearMiss + ", which other entries are about and this one is not"
	}
	return ""
}
