package faq

// NaiveMatcher is the baseline the real matcher is measured against: plain
// word overlap between the question and each entry's title and phrasings,
// with no synonyms, typo tolerance, weights or thresholds learned from
// data — what a quick bot would do.
type NaiveMatcher struct {
	texts   []map[string]bool // the words of each title or phrasing
	entries []*Entry
}

// NewNaiveMatcher indexes the titles and questions of the served entries.
func NewNaiveMatcher(kb *KB) *NaiveMatcher {
	m := &NaiveMatcher{}
	for _, e := range kb.Served() {
		for _, t := range append([]string{e.Title}, e.Questions...) {
			m.texts = append(m.texts, naiveWords(t))
			m.entries = append(m.entries, e)
		}
	}
	return m
}

// naiveWords are the words of three letters or more: shorter ones are
// mostly articles and prepositions that every text shares.
func naiveWords(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(Fold(text)) {
		if len(w) >= 3 {
			out[w] = true
		}
	}
	return out
}

// Match answers with the entry whose title or phrasing shares the most
// words with the question when they cover at least half of its words,
// else only suggests the best ones.
func (m *NaiveMatcher) Match(text, lang string) Result {
	res := Result{Lang: lang}
	q := naiveWords(text)
	if len(q) == 0 {
		return res
	}
	best := map[*Entry]int{}
	var order []*Entry
	for i, ws := range m.texts {
		n := 0
		for w := range q {
			if ws[w] {
				n++
			}
		}
		e := m.entries[i]
		if n == 0 {
			continue
		}
		if _, ok := best[e]; !ok {
			order = append(order, e)
		}
		best[e] = max(best[e], n)
	}
	// stable: on a tie the entry met first (file order) wins
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && best[order[j]] > best[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	if len(order) == 0 {
		return res
	}
	res.Entry = order[0]
	res.Score = float64(best[order[0]]) / float64(len(q))
	res.Decision = Suggest
	if 2*best[order[0]] >= len(q) {
		res.Decision = Answer
	}
	res.Suggestions = order[1:min(len(order), maxSuggest+1)]
	return res
}
