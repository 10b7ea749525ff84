package faq

// The matcher's vocabulary: general French and English chat and
// community-support words from the language packs (pack.go), and a
// community's own names from its glossary (glossary.go).

type lexicon struct {
	names       map[string]bool
	common      map[string]bool // common words (common.go)
	commonStem  map[string]bool
	abbrev      map[string][]string
	after       map[string]afterAbbrev // abbreviations read by the word before
	concept     map[string]string      // folded word → concept term
	conceptStem map[string]string      // stem of a concept word → concept term
	phrases     map[string][]phrase    // by first word
	pairs       map[string][]phrase    // verb-object expressions, by the verb's stem
	stop        map[string]bool
	stopStem    map[string]bool
	chitchat    map[string]string // word or phrase → its kind (chitchatText, chitchatPhrases)
	chitPhrases map[string][][]string
	langOf      map[string]string // stop word → "fr", "en" or "both"
	wordLang    map[string]string // a word of a pack's concepts → its language, or "both"
	// src: the pack or glossary line that defined a word or expression,
	// by "a:" abbreviation, "c:" concept word, "s:" concept stem, "p:"
	// expression; "faq ask" shows it
	src      map[string]string
	stemWord map[string]string // the word that gave conceptStem its stem
	// apart: concepts a glossary tells apart from each other
	apart map[string][]string
	role  wordRoles
	// timeTerms: time units and duration words, and their terms
	timeTerms map[string]bool
}

// afterAbbrev is the expansion of an abbreviation after one of prev.
type afterAbbrev struct {
	prev map[string]bool
	exp  []string
}

type phrase struct {
	words   []string
	stems   []string // stem of each word, computed once
	concept string
	keep    bool // its words keep their own terms too (a glossary's name)
}

func newPhrase(ws []string, concept string) phrase {
	p := phrase{words: ws, concept: concept, stems: make([]string, len(ws))}
	for i, w := range ws {
		p.stems[i] = stem(w)
	}
	return p
}

func newLexicon() *lexicon {
	return &lexicon{names: map[string]bool{}, common: map[string]bool{}, commonStem: map[string]bool{}, abbrev: map[string][]string{}, after: map[string]afterAbbrev{}, concept: map[string]string{}, conceptStem: map[string]string{},
		phrases: map[string][]phrase{}, pairs: map[string][]phrase{}, stop: map[string]bool{}, stopStem: map[string]bool{},
		chitchat: map[string]string{}, chitPhrases: map[string][][]string{}, langOf: map[string]string{}, wordLang: map[string]string{}, src: map[string]string{}, stemWord: map[string]string{}, role: newWordRoles(), timeTerms: map[string]bool{}}
}

// stems gives the stems of a text's words, each computed once, when a
// multi-word expression needs them; cache, when not nil, keeps them across
// texts (indexing a large KB).
type stems struct {
	ws, st []string
	cache  *wordCache
}

func newStems(ws []string, cache *wordCache) *stems {
	return &stems{ws: ws, st: make([]string, len(ws)), cache: cache}
}

func (s *stems) at(i int) string {
	if s.st[i] != "" {
		return s.st[i]
	}
	w := s.ws[i]
	if s.cache == nil {
		s.st[i] = stem(w)
		return s.st[i]
	}
	st, ok := s.cache.stems[w]
	if !ok {
		st = stem(w)
		s.cache.stems[w] = st
	}
	s.st[i] = st
	return st
}

// matchPhrase returns the length and concept of the longest expression
// starting at word i of s.ws, or 0, and whether its words keep their own
// terms.
func (l *lexicon) matchPhrase(s *stems, i int) (int, string, bool) {
	ws := s.ws[i:]
	best, concept, keep := 0, "", false
	for _, list := range [2][]phrase{l.phrases[ws[0]], l.pairs[s.at(i)]} {
		for _, p := range list {
			if len(p.words) > len(ws) || len(p.words) <= best {
				continue
			}
			ok := true
			for j, w := range p.words {
				if ws[j] != w && s.at(i+j) != p.stems[j] {
					ok = false
					break
				}
			}
			if ok {
				best, concept, keep = len(p.words), p.concept, p.keep
			}
		}
	}
	return best, concept, keep
}
