package tickets

import (
	"sort"
	"strings"
	"unicode"

	"codeberg.org/entraide/entraide/faq"
)

// QuestionCluster is a group of similar questions the FAQ could not answer:
// a hint that an entry is missing.
type QuestionCluster struct {
	Tickets   []int64
	Questions []string
}

// ClusterQuestions groups the questions of tickets opened because the FAQ
// had no answer, by word overlap: two questions are linked when the Jaccard
// similarity of their significant words reaches threshold (0.2 suits short
// chat questions), and linked questions form a group. Largest groups come first.
// Purged tickets and feedback tickets are left out.
func ClusterQuestions(ts []*Ticket, threshold float64) []QuestionCluster {
	var items []*Ticket
	var words []map[string]bool
	for _, t := range ts {
		if t.Purged || t.Origin != OriginUnanswered || strings.TrimSpace(t.Question) == "" {
			continue
		}
		items = append(items, t)
		words = append(words, significantWords(t.Question))
	}
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			if jaccard(words[i], words[j]) >= threshold {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int]*QuestionCluster{}
	var order []int
	for i, t := range items {
		r := find(i)
		g, ok := groups[r]
		if !ok {
			g = &QuestionCluster{}
			groups[r] = g
			order = append(order, r)
		}
		g.Tickets = append(g.Tickets, t.ID)
		g.Questions = append(g.Questions, firstLine(t.Question))
	}
	out := make([]QuestionCluster, 0, len(order))
	for _, r := range order {
		out = append(out, *groups[r])
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Tickets) > len(out[j].Tickets) })
	return out
}

// significantWords folds accents and case, drops small words and a plural
// "s"/"x", so "Les mots de passe" and "mot de passe" compare equal.
func significantWords(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(faq.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 || draftStopWords[w] {
			continue
		}
		if len(w) > 4 {
			w = strings.TrimRight(w, "sx")
		}
		set[w] = true
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
