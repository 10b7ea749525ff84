package faq

// smallTalk classifies a message made only of small talk: "greeting",
// "thanks", "farewell", "presence" ("quelqu'un est là ?", "test") or
// "other" ("ok", "lol"). A message with any word of substance is not small
// talk and returns "".
func (l *lexicon) smallTalk(ws []string) string {
	seen := map[string]bool{}
	for i := 0; i < len(ws); {
		if n, kind := l.matchChitPhrase(ws[i:]); n > 0 {
			if i+n < len(ws) && l.role.negations[ws[i+n]] {
				return "" // "ça marche pas" is a problem, not an "ok"
			}
			seen[kind] = true
			i += n
			continue
		}
		w := ws[i]
		i++
		if kind, ok := l.chitchat[w]; ok {
			if kind != "part" {
				seen[kind] = true
			}
			continue
		}
		if l.stop[w] || isNumber(w) || len(w) == 1 || w[len(w)-1] == '\'' {
			continue
		}
		return ""
	}
	// "merci, bonne journée" thanks; "bonjour, il y a quelqu'un ?" greets
	for _, kind := range chitchatKinds {
		if seen[kind] {
			return kind
		}
	}
	return ""
}

// chitchatKinds, the one that wins first when a message mixes them.
var chitchatKinds = []string{"thanks", "greeting", "farewell", "presence", "other"}

func (l *lexicon) matchChitPhrase(ws []string) (int, string) {
	best, kind := 0, ""
	for _, p := range l.chitPhrases[ws[0]] {
		if len(p) > len(ws) || len(p) <= best {
			continue
		}
		ok := true
		for i, w := range p {
			if ws[i] != w {
				ok = false
				break
			}
		}
		if ok {
			best, kind = len(p), l.chitchat[joinWords(p)]
		}
	}
	return best, kind
}

func joinWords(ws []string) string {
	n := 0
	for _, w := range ws {
		n += len(w) + 1
	}
	b := make([]byte, 0, n)
	for i, w := range ws {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return string(b)
}
