package faq

import "strings"

// Reading is how the matcher read one piece of a question, and which
// language pack or glossary line taught it that.
type Reading struct {
	Words  string // the question's words ("mdp", "mot de passe")
	Became string // an abbreviation's expansion, or the concept ("=password")
	Source string // "faq/lang/fr.txt:12", "glossary.txt:3"
}

// Explain lists the abbreviations, expressions and concept words of text
// that came from a language pack or the glossary, in order ("faq ask"
// shows them, so a maintainer sees which line made a match).
func (m *LexicalMatcher) Explain(text string) []Reading { return m.lx.explain(text) }

func (l *lexicon) explain(text string) []Reading {
	var out []Reading
	ws := words(Fold(text))
	for i, w := range ws {
		if a, ok := l.after[w]; ok && i > 0 && a.prev[ws[i-1]] {
			out = append(out, Reading{Words: ws[i-1] + " " + w, Became: strings.Join(a.exp, " "), Source: l.src["a:"+w]})
		} else if e, ok := l.abbrev[w]; ok {
			out = append(out, Reading{Words: w, Became: strings.Join(e, " "), Source: l.src["a:"+w]})
		}
	}
	for _, t := range l.analyzeWords(l.expandWords(text)) {
		if t.Term == "" && !strings.Contains(t.Word, " ") || t.Term != "" && t.Term[0] != '=' {
			continue
		}
		r := Reading{Words: t.Word, Became: t.Term}
		switch {
		case strings.Contains(t.Word, " "):
			r.Source = l.phraseSource(t.Word)
		case l.concept[t.Word] != "":
			r.Source = l.src["c:"+t.Word]
		default:
			r.Source = l.src["s:"+stemLight(t.Word)]
		}
		if r.Source == "" {
			continue // read by the matcher's own rules ("ouvrir un compte")
		}
		if n := len(out); n > 0 && out[n-1].Words == r.Words && out[n-1].Source == r.Source {
			out[n-1].Became += " " + r.Became // a pair stands for two concepts
			continue
		}
		out = append(out, r)
	}
	return out
}

// phraseSource finds the line of an expression; a verb-object pair is
// filed by its own words.
func (l *lexicon) phraseSource(w string) string {
	if s := l.src["p:"+w]; s != "" {
		return s
	}
	// matched through stems: look the expression up by its words' stems
	ws := strings.Fields(w)
	for _, list := range [2][]phrase{l.phrases[ws[0]], l.pairs[stem(ws[0])]} {
		for _, p := range list {
			if len(p.words) != len(ws) {
				continue
			}
			ok := true
			for j := range ws {
				if ws[j] != p.words[j] && stem(ws[j]) != p.stems[j] {
					ok = false
					break
				}
			}
			if ok {
				return l.src["p:"+strings.Join(p.words, " ")]
			}
		}
	}
	return ""
}
