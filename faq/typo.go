package faq

// typoIndex finds the knowledge base words closest to a misspelt word with
// a symmetric-deletion index: a word and its one-letter deletions are
// looked up, which finds every vocabulary word within one edit (and many
// within two) without scanning the vocabulary.
type typoIndex struct {
	maxLen  int // runes of the longest indexed word
	words   []string
	ids     []int32 // term id of each word
	deletes map[string][]int32
}

func newTypoIndex(vocab map[string]int32) *typoIndex {
	t := &typoIndex{deletes: map[string][]int32{}}
	for w, id := range vocab {
		if len([]rune(w)) < 6 {
			continue
		}
		t.maxLen = max(t.maxLen, len([]rune(w)))
		i := int32(len(t.words))
		t.words = append(t.words, w)
		t.ids = append(t.ids, id)
		for _, d := range deletions(w) {
			t.deletes[d] = append(t.deletes[d], i)
		}
		t.deletes[w] = append(t.deletes[w], i)
	}
	return t
}

// deletions returns w with each one rune removed.
func deletions(w string) []string {
	r := []rune(w)
	out := make([]string, 0, len(r))
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]))
	}
	return out
}

// maxTypoCorrections is how many words of one message typo correction
// tries: far more than a question has misspellings, few enough that a
// message of thousands of unknown words costs no more than a question.
const maxTypoCorrections = 64

// correct returns the term id of the closest vocabulary word to w, or -1.
// Short words are left alone: at five letters one edit often makes
// another word ("viens" → "liens"). Words longer than any vocabulary word
// by more than two letters cannot be within two edits of one and are not
// tried, which keeps the cost of a very long "word" linear. Each word
// tried takes one from *budget; at zero nothing more is tried.
func (t *typoIndex) correct(w string, df func(int32) int, budget *int) int32 {
	if len(w) > 4*(t.maxLen+2) {
		return -1 // longer in bytes than the longest candidate could be
	}
	n := len([]rune(w))
	if n < 6 || n > t.maxLen+2 || *budget <= 0 {
		return -1
	}
	*budget--
	maxDist := 1
	if n >= 9 {
		maxDist = 2
	}
	best, bestDist, bestDF := int32(-1), maxDist+1, -1
	try := func(cands []int32) {
		for _, c := range cands {
			d := editDistance(w, t.words[c], maxDist)
			if d > maxDist {
				continue
			}
			f := df(t.ids[c])
			if d < bestDist || (d == bestDist && f > bestDF) {
				best, bestDist, bestDF = t.ids[c], d, f
			}
		}
	}
	try(t.deletes[w])
	for _, d := range deletions(w) {
		try(t.deletes[d])
	}
	return best
}

// editDistance is the optimal-string-alignment distance (insertions,
// deletions, substitutions, adjacent transpositions), giving up early
// above max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
