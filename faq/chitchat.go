package faq

// chitchat classifies a message made only of small talk: "greeting",
// "thanks" or "other" (farewells, "ok", "quelqu'un est là ?"). A message
// with any word of substance is not small talk and returns "".
func chitchat(ws []string) string {
	greet, thanks, other := false, false, false
	for i := 0; i < len(ws); {
		if n, kind := matchChitPhrase(ws[i:]); n > 0 {
			if i+n < len(ws) && negations[ws[i+n]] {
				return "" // "ça marche pas" is a problem, not an "ok"
			}
			mark(kind, &greet, &thanks, &other)
			i += n
			continue
		}
		w := ws[i]
		i++
		if kind, ok := lex.chitchat[w]; ok {
			mark(kind, &greet, &thanks, &other)
			continue
		}
		if lex.stop[w] || isNumber(w) || len(w) == 1 || w[len(w)-1] == '\'' {
			continue
		}
		return ""
	}
	switch {
	case thanks:
		return "thanks"
	case greet:
		return "greeting"
	case other:
		return "other"
	}
	return ""
}

// negations after small talk turn it into a report of a problem.
var negations = wordSet("pas plus jamais not never")

func mark(kind string, greet, thanks, other *bool) {
	switch kind {
	case "greeting":
		*greet = true
	case "thanks":
		*thanks = true
	default:
		*other = true
	}
}

func matchChitPhrase(ws []string) (int, string) {
	best, kind := 0, ""
	for _, p := range lex.chitPhrases[ws[0]] {
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
			best, kind = len(p), lex.chitchat[joinWords(p)]
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
