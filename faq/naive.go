package faq

import (
	"github.com/sahilm/fuzzy"
)

// NaiveMatcher is a plain fuzzy-finder baseline over titles and questions
// (github.com/sahilm/fuzzy, the kind of matcher a quick bot would use),
// kept to measure the real matcher against.
type NaiveMatcher struct {
	texts   []string
	entries []*Entry
}

// NewNaiveMatcher indexes the titles and questions of the served entries.
func NewNaiveMatcher(kb *KB) *NaiveMatcher {
	m := &NaiveMatcher{}
	for _, e := range kb.Served() {
		for _, t := range append([]string{e.Title}, e.Questions...) {
			m.texts = append(m.texts, Fold(t))
			m.entries = append(m.entries, e)
		}
	}
	return m
}

// Match answers with the entry of the best fuzzy match, if any.
func (m *NaiveMatcher) Match(text, lang string) Result {
	res := Result{Lang: lang}
	found := fuzzy.Find(Fold(text), m.texts)
	if len(found) == 0 {
		return res
	}
	best := found[0]
	res.Entry = m.entries[best.Index]
	res.Decision = Answer
	res.Score = 1
	seen := map[*Entry]bool{res.Entry: true}
	for _, f := range found[1:] {
		if e := m.entries[f.Index]; !seen[e] && len(res.Suggestions) < maxSuggest {
			seen[e] = true
			res.Suggestions = append(res.Suggestions, e)
		}
	}
	return res
}
