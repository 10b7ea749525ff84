package faq

import (
	"strings"
	"unicode"
)

// SimpleMatcher is a small word-overlap matcher: accents folded, short words
// dropped. It is a baseline to compare with, not the production matcher.
type SimpleMatcher struct {
	kb    *KB
	words []map[string]bool
	min   float64
}

// NewSimpleMatcher indexes the served entries of kb.
func NewSimpleMatcher(kb *KB) *SimpleMatcher {
	m := &SimpleMatcher{kb: kb, min: 0.5}
	for _, e := range kb.Served() {
		set := map[string]bool{}
		for _, w := range simpleWords(e.Title + " " + strings.Join(e.Questions, " ") + " " + strings.Join(e.Tags, " ")) {
			set[w] = true
		}
		m.words = append(m.words, set)
	}
	return m
}

// Match implements Matcher.
func (m *SimpleMatcher) Match(text, lang string) Result {
	res := Result{Lang: lang, Chitchat: simpleChitchat(text)}
	if res.Chitchat != "" {
		return res
	}
	q := simpleWords(text)
	if len(q) == 0 {
		return res
	}
	served := m.kb.Served()
	best, bestScore := -1, 0.0
	for i, set := range m.words {
		hit := 0
		for _, w := range q {
			if set[w] {
				hit++
			}
		}
		s := float64(hit) / float64(len(q))
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return res
	}
	res.Entry, res.Score = served[best], bestScore
	if bestScore >= m.min {
		res.Decision = Answer
	}
	return res
}

func simpleWords(s string) []string {
	s = Fold(s)
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) > 3 {
			out = append(out, w)
		}
	}
	return out
}

var (
	simpleGreetings = map[string]bool{"bonjour": true, "salut": true, "hello": true, "hi": true, "coucou": true, "bonsoir": true, "hey": true}
	simpleThanks    = map[string]bool{"merci": true, "thanks": true, "thank": true, "thx": true}
)

// simpleChitchat spots a message made only of a greeting or thanks.
func simpleChitchat(text string) string {
	ws := strings.FieldsFunc(Fold(text), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(ws) == 0 || len(ws) > 3 {
		return ""
	}
	switch {
	case simpleGreetings[ws[0]]:
		return "greeting"
	case simpleThanks[ws[0]]:
		return "thanks"
	}
	return ""
}
