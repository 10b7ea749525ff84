package faq

import (
	"math"
	"sort"
	"strings"
)

// Fields of an entry, weighted in the ranking: the maintainer's phrasings
// say what the entry is about; the body only supports it.
const (
	fieldTitle = iota
	fieldQuestions
	fieldTags
	fieldBody
	numFields
)

// index is an in-memory BM25F index over the served entries.
type index struct {
	entries  []*Entry
	terms    map[string]int32 // term → id
	names    []string         // id → term
	idf      []float32        // by term id
	postings [][]posting      // by term id
	strong   [][]bool         // by term id, parallel to postings: term in title/questions/tags
	vocab    map[string]int32 // folded surface word → term id, for typo correction
	typos    *typoIndex
	vecs     []sparseVec // per entry, idf-weighted, unit length (twin detection)
	twin     []int32     // per entry, its translation in the other language, or -1
	counted  [][]int32   // per entry, the terms it gives a number of (durationID: a duration)
	maxIDF   float32
}

type posting struct {
	doc int32
	w   float32 // saturated field-weighted term frequency
}

type sparseVec []termWeight

type termWeight struct {
	term int32
	w    float32
}

type bm25Params struct {
	k1     float64
	weight [numFields]float64
	b      [numFields]float64
}

var defaultBM25 = bm25Params{
	k1:     1.2,
	weight: [numFields]float64{3, 2.5, 2, 1},
	b:      [numFields]float64{0.3, 0.5, 0.3, 0.75},
}

func buildIndex(entries []*Entry, p bm25Params, lx *lexicon) *index {
	ix := &index{entries: entries, terms: map[string]int32{}, vocab: map[string]int32{}}
	type termCount struct {
		id int32
		c  [numFields]float32
	}
	type docTerms struct {
		tf  []termCount
		len [numFields]float64
	}
	slot := map[int32]int{} // term id → position in the current entry's tf
	docs := make([]docTerms, len(entries))
	var avg [numFields]float64
	termID := func(t string) int32 {
		id, ok := ix.terms[t]
		if !ok {
			id = int32(len(ix.terms))
			ix.terms[t] = id
			ix.names = append(ix.names, t)
		}
		return id
	}
	cache := newWordCache()
	for d, e := range entries {
		dt := docTerms{}
		clear(slot)
		texts := [numFields]string{e.Title, strings.Join(e.Questions, "\n"), strings.Join(e.Tags, "\n"), e.Body}
		var counted []int32
		for f, text := range texts {
			toks := lx.analyzeCached(lx.expandWords(text), cache)
			lx.countedTerms(toks, func(term string) {
				id := int32(durationID)
				if term != durationTerm {
					id = termID(term)
				}
				for _, c := range counted {
					if c == id {
						return
					}
				}
				counted = append(counted, id)
			})
			for _, tok := range toks {
				if tok.Term == "" {
					continue
				}
				id := termID(tok.Term)
				if !strings.Contains(tok.Word, " ") {
					if _, ok := ix.vocab[tok.Word]; !ok {
						ix.vocab[tok.Word] = id
					}
				}
				k, ok := slot[id]
				if !ok {
					k = len(dt.tf)
					slot[id] = k
					dt.tf = append(dt.tf, termCount{id: id})
				}
				dt.tf[k].c[f]++
				dt.len[f]++
			}
		}
		for f := range avg {
			avg[f] += dt.len[f]
		}
		docs[d] = dt
		ix.counted = append(ix.counted, counted)
	}
	n := float64(len(entries))
	for f := range avg {
		if n > 0 {
			avg[f] /= n
		}
		if avg[f] == 0 {
			avg[f] = 1
		}
	}
	ix.postings = make([][]posting, len(ix.terms))
	ix.strong = make([][]bool, len(ix.terms))
	for d, dt := range docs {
		for _, t := range dt.tf {
			id, c := t.id, t.c
			tf := 0.0
			for f := range numFields {
				if c[f] == 0 {
					continue
				}
				tf += p.weight[f] * float64(c[f]) / (1 - p.b[f] + p.b[f]*dt.len[f]/avg[f])
			}
			w := tf * (p.k1 + 1) / (tf + p.k1)
			ix.postings[id] = append(ix.postings[id], posting{doc: int32(d), w: float32(w)})
			ix.strong[id] = append(ix.strong[id], c[fieldTitle]+c[fieldQuestions]+c[fieldTags] > 0)
		}
	}
	ix.idf = make([]float32, len(ix.terms))
	for id, ps := range ix.postings {
		// postings were appended per document in order; keep them sorted by doc
		if !sort.SliceIsSorted(ps, func(i, j int) bool { return ps[i].doc < ps[j].doc }) {
			st := ix.strong[id]
			idx := make([]int, len(ps))
			for i := range idx {
				idx[i] = i
			}
			sort.Slice(idx, func(i, j int) bool { return ps[idx[i]].doc < ps[idx[j]].doc })
			nps, nst := make([]posting, len(ps)), make([]bool, len(ps))
			for i, k := range idx {
				nps[i], nst[i] = ps[k], st[k]
			}
			ix.postings[id], ix.strong[id] = nps, nst
		}
		df := float64(len(ps))
		ix.idf[id] = float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
		if ix.idf[id] > ix.maxIDF {
			ix.maxIDF = ix.idf[id]
		}
	}
	ix.vecs = make([]sparseVec, len(entries))
	for id, ps := range ix.postings {
		for _, p := range ps {
			ix.vecs[p.doc] = append(ix.vecs[p.doc], termWeight{term: int32(id), w: p.w * ix.idf[id]})
		}
	}
	for d, v := range ix.vecs {
		sort.Slice(v, func(i, j int) bool { return v[i].term < v[j].term })
		var norm float64
		for _, tw := range v {
			norm += float64(tw.w) * float64(tw.w)
		}
		norm = math.Sqrt(norm)
		for i := range v {
			v[i].w /= float32(norm)
		}
		ix.vecs[d] = v
	}
	ix.typos = newTypoIndex(ix.vocab)
	ix.findTwins()
	return ix
}

// findTwins pairs entries that translate each other: an entry and the
// other-language entry most similar to it, when each is the other's best
// match and they share enough weighted vocabulary. Candidates come from
// the postings of each entry's heaviest terms, so a one-language KB costs
// nothing and a large bilingual one stays fast to load.
func (ix *index) findTwins() {
	n := len(ix.entries)
	ix.twin = make([]int32, n)
	best := make([]int32, n)
	bestCos := make([]float64, n)
	for d := range n {
		ix.twin[d], best[d] = -1, -1
	}
	langs := map[string]bool{}
	for _, e := range ix.entries {
		langs[e.Lang] = true
	}
	if len(langs) < 2 {
		return
	}
	// the heaviest terms of an entry find its translation; large KBs look
	// at fewer of them to keep loading fast
	top := 8
	if n > 2000 {
		top = 4
	}
	seen := map[int32]bool{}
	for d := range n {
		v := append(sparseVec(nil), ix.vecs[d]...)
		sort.Slice(v, func(i, j int) bool { return v[i].w > v[j].w })
		if len(v) > top {
			v = v[:top]
		}
		clear(seen)
		for _, tw := range v {
			ps := ix.postings[tw.term]
			if len(ps) > twinMaxDF {
				continue // a common term says nothing about translation
			}
			for _, p := range ps {
				if seen[p.doc] || ix.entries[p.doc].Lang == ix.entries[d].Lang {
					continue
				}
				seen[p.doc] = true
				if c := ix.cosine(int32(d), p.doc); c > bestCos[d] {
					best[d], bestCos[d] = p.doc, c
				}
			}
		}
	}
	for d := range n {
		if b := best[d]; b >= 0 && best[b] == int32(d) && bestCos[d] >= minTwinCosine {
			ix.twin[d] = b
		}
	}
}

// minTwinCosine: below this, two mutually closest entries in different
// languages are neighbours, not translations.
const minTwinCosine = 0.2

// twinMaxDF: terms in more entries than this are not used to find twins.
const twinMaxDF = 30

// cosine of two entries' term vectors.
func (ix *index) cosine(a, b int32) float64 {
	va, vb := ix.vecs[a], ix.vecs[b]
	var s float64
	for i, j := 0, 0; i < len(va) && j < len(vb); {
		switch {
		case va[i].term == vb[j].term:
			s += float64(va[i].w) * float64(vb[j].w)
			i++
			j++
		case va[i].term < vb[j].term:
			i++
		default:
			j++
		}
	}
	return s
}

// durationID marks a duration among an entry's counted terms.
const durationID = -1

// gives reports whether entry doc states a number of what the question
// asks to count (a term id, or durationID).
func (ix *index) gives(doc, id int32) bool {
	for _, c := range ix.counted[doc] {
		if c == id {
			return true
		}
	}
	return false
}

// hasStrong reports whether entry doc has term id in its title,
// questions or tags.
func (ix *index) hasStrong(id, doc int32) bool {
	ps := ix.postings[id]
	i := sort.Search(len(ps), func(i int) bool { return ps[i].doc >= doc })
	return i < len(ps) && ps[i].doc == doc && ix.strong[id][i]
}

// has reports whether entry doc contains term id.
func (ix *index) has(id, doc int32) bool {
	ps := ix.postings[id]
	i := sort.Search(len(ps), func(i int) bool { return ps[i].doc >= doc })
	return i < len(ps) && ps[i].doc == doc
}
