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

func buildIndex(entries []*Entry, p bm25Params) *index {
	ix := &index{entries: entries, terms: map[string]int32{}, vocab: map[string]int32{}}
	type docTerms struct {
		tf  map[int32]*[numFields]float64
		len [numFields]float64
	}
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
	for d, e := range entries {
		dt := docTerms{tf: map[int32]*[numFields]float64{}}
		texts := [numFields]string{e.Title, strings.Join(e.Questions, "\n"), strings.Join(e.Tags, "\n"), e.Body}
		for f, text := range texts {
			for _, tok := range Analyze(text) {
				if tok.Term == "" {
					continue
				}
				id := termID(tok.Term)
				if !strings.Contains(tok.Word, " ") {
					if _, ok := ix.vocab[tok.Word]; !ok {
						ix.vocab[tok.Word] = id
					}
				}
				c := dt.tf[id]
				if c == nil {
					c = new([numFields]float64)
					dt.tf[id] = c
				}
				c[f]++
				dt.len[f]++
			}
		}
		for f := range avg {
			avg[f] += dt.len[f]
		}
		docs[d] = dt
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
		for id, c := range dt.tf {
			tf := 0.0
			for f := range numFields {
				if c[f] == 0 {
					continue
				}
				tf += p.weight[f] * c[f] / (1 - p.b[f] + p.b[f]*dt.len[f]/avg[f])
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
	return ix
}

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
