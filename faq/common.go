package faq

// commonWeight scales the weight of a common word in a question.
const commonWeight = 0.35

// isCommon reports whether a question word (or its term) is a common word.
func (l *lexicon) isCommon(word, term string) bool {
	if term == "" || term[0] == '=' {
		return false
	}
	return l.common[word] || l.commonStem[term]
}
