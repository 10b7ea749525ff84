package faq

import (
	"strings"
	"sync"
)

// Options tunes a Matcher. Zero values take the built-in defaults.
type Options struct {
	// Calibration holds the confidence model and thresholds; nil means the
	// built-in DefaultCalibration.
	Calibration *Calibration
	// Threshold and Suggest override the calibration's thresholds when > 0.
	Threshold float64
	Suggest   float64
}

// LexicalMatcher is the production matcher: a field-weighted BM25 ranking
// over analysed terms (folded, stemmed, abbreviations expanded, synonyms
// and French/English equivalents mapped to shared concepts), typo
// correction against the knowledge base's words, a preference for the
// asker's language, and a calibrated confidence that decides between
// answering, suggesting and abstaining.
type LexicalMatcher struct {
	kb      *KB
	lx      *lexicon // the language packs with the KB's glossary
	ix      *index
	cal     Calibration
	answerT float64
	suggT   float64
	scratch sync.Pool
}

var _ Matcher = (*LexicalMatcher)(nil)

// Tuning constants of the ranking (not of the decision, which the
// calibration owns).
const (
	maxSuggest    = 3
	maxCandidates = 20
	suggestFrac   = 0.3 // a suggestion scores at least this share of the best
	maxSeeAlso    = 2
)

// closeCall is the relative score gap under which a runner-up is shown
// beside an answer.
var closeCall = 0.1

// otherLangFactor scales the score of an entry in the other language than
// the question's, so that of two close entries the asker's language wins.
var otherLangFactor float32 = 0.7

// entityMissFactor scales the score of an entry that does not have, in
// its title, questions or tags, a product or protocol the question names
// when other entries do.
var entityMissFactor float32 = 0.85

// NewMatcher indexes the served entries of kb.
func NewMatcher(kb *KB, opts Options) *LexicalMatcher { return newMatcher(kb, opts, lex) }

// newMatcher indexes kb with the language packs of packs and kb's glossary.
func newMatcher(kb *KB, opts Options, packs *lexicon) *LexicalMatcher {
	cal := DefaultCalibration
	if opts.Calibration != nil {
		cal = *opts.Calibration
	}
	lx := packs.withGlossary(kb.Glossary)
	m := &LexicalMatcher{kb: kb, lx: lx, ix: buildIndex(kb.Served(), defaultBM25, lx), cal: cal,
		answerT: cal.Threshold, suggT: cal.Suggest}
	if opts.Threshold > 0 {
		m.answerT = opts.Threshold
	}
	if opts.Suggest > 0 {
		m.suggT = opts.Suggest
	}
	n := len(m.ix.entries)
	m.scratch.New = func() any {
		return &scratch{score: make([]float32, n), cov: make([]float32, n), strong: make([]float32, n), ent: make([]int32, n)}
	}
	return m
}

type scratch struct {
	score, cov, strong []float32
	ent                []int32 // per entry, entity terms of the question in its title, questions or tags
	touched            []int32
}

// Candidate is one ranked entry with the evidence for it.
type Candidate struct {
	Entry    *Entry
	Score    float64 // ranking score (BM25F with the language bonus)
	Coverage float64 // share of the question's salient weight the entry contains
}

// Analysis is everything the matcher found out about a question; Match
// turns it into a Result, and "entraide faq ask" prints it.
type Analysis struct {
	Lang       string
	Chitchat   string
	Terms      []string // the question's index terms, after typo correction
	Unknown    []string // salient words no entry contains
	Candidates []Candidate
	Features   Features
	Confidence float64
	foreign    bool    // names a product or service no entry mentions
	noCount    bool    // asks "how many" or "how long" and the best entry states no such number
	noObject   bool    // asks "do you have X" and the best entry does not name X
	nearMiss   string  // a term the glossary tells apart from the best entry's topic
	leadRarity float64 // the rarity of the lead word, 0 without one
	lead       bool    // a word of the question, not a common one, is in the best entry's title, questions or tags
}

// Match implements Matcher.
func (m *LexicalMatcher) Match(text, lang string) Result {
	a := m.Analyze(text, lang)
	return m.decide(a)
}

func (m *LexicalMatcher) decide(a *Analysis) Result {
	res := Result{Lang: a.Lang, Chitchat: a.Chitchat, Vague: a.Chitchat == "" && len(a.Terms) == 0}
	if a.Chitchat != "" || len(a.Candidates) == 0 {
		return res
	}
	res.Entry = a.Candidates[0].Entry
	res.Score = a.Confidence
	sugg := m.suggestions(a)
	switch {
	case a.foreign && a.noObject:
		// asks whether a product or service the FAQ never mentions is
		// offered ("vous avez un Jitsi ?"): that goes to humans; at most the
		// entries are offered when the rest of the question matches one
		// very well
		if a.Confidence >= m.answerT && len(sugg) >= 2 {
			res.Decision = Suggest
		}
		res.Suggestions = sugg
	case a.foreign:
		// names an outside product while asking about the FAQ's topics
		// ("quitter Twitter et rejoindre votre instance"): never answered,
		// offered as "did you mean" like any unsure match
		if m.suggestable(a, len(sugg)) {
			res.Decision = Suggest
		}
		res.Suggestions = sugg
	case a.noCount || a.noObject || a.nearMiss != "":
		// the best entry is about the topic but does not say how many, or
		// does not name what the question asks for
		if m.suggestable(a, len(sugg)) {
			res.Decision = Suggest
		}
		res.Suggestions = sugg
	case a.Confidence >= m.answerT && a.Features.Strong > 0 && !m.tie(a):
		// an answer needs a word of the question in the best entry's title,
		// questions or tags ("supprimer mon compte" must not fetch the
		// entry whose answer mentions accounts in passing), and a winner:
		// three entries scoring alike ("c koi le nuage") are a choice
		res.Decision = Answer
		if len(sugg) > 1 {
			res.Suggestions = sugg[1:]
		}
		res.SeeAlso = m.closeCalls(a)
	case m.suggestable(a, len(sugg)) || a.Confidence >= m.answerT && len(sugg) >= 2:
		// a confident match without a winner, or found in answers alone,
		// is offered
		res.Decision = Suggest
		res.Suggestions = sugg
	default:
		res.Suggestions = sugg
	}
	return res
}

// suggestable says whether "did you mean" is worth offering: confident
// enough, with a choice, and with at least one word of the question, not a
// common one, in the best entry's title, questions or tags; an entry that
// only mentions the question's words in its answer is no lead ("le wifi du local ne marche
// pas" against the entry on contacting the team).
//
// A weak match (in the lower half between the two thresholds) also needs a
// lead of some information: a frequent word of the FAQ ("problème",
// "aide") shared with a list of unsure entries is noise ("mon imprimante
// plante").
func (m *LexicalMatcher) suggestable(a *Analysis, n int) bool {
	if a.Confidence < (m.suggT+m.answerT)/2 && a.leadRarity < weakLead {
		return false
	}
	return a.Confidence >= m.suggT && n >= 2 && a.Features.Strong > 0 && a.lead
}

// weakLead is the rarity (idf over the rarest word's) under which a lead
// word says little: fitted on Le Nid Libre's sets, it took twice as many
// lists from questions no entry covers as from questions whose entry was
// offered, and seven times as many on the second FAQ.
const weakLead = 0.35

// suggestions lists the best candidates (translations are already merged).
func (m *LexicalMatcher) suggestions(a *Analysis) []*Entry {
	var out []*Entry
	best := a.Candidates[0].Score
	for _, c := range a.Candidates {
		if len(out) == maxSuggest || c.Score < suggestFrac*best {
			break
		}
		out = append(out, c.Entry)
	}
	return out
}

// tie reports whether two runners-up score within tieGap of the best.
func (m *LexicalMatcher) tie(a *Analysis) bool {
	return len(a.Candidates) > 2 && a.Candidates[2].Score >= (1-tieGap)*a.Candidates[0].Score
}

// tieGap is the relative score gap under which three entries are a choice.
const tieGap = 0.1

// closeCalls lists the runners-up scoring within closeCall of the best
// answer, at most maxSeeAlso: when two entries explain a question almost
// equally well, the second is worth a line under the answer.
func (m *LexicalMatcher) closeCalls(a *Analysis) []*Entry {
	var out []*Entry
	best := a.Candidates[0].Score
	for _, c := range a.Candidates[1:] {
		if len(out) == maxSeeAlso || c.Score < (1-closeCall)*best {
			break
		}
		out = append(out, c.Entry)
	}
	return out
}

// queryTerm is one distinct term of the question.
type queryTerm struct {
	id     int32 // -1 when no entry has it
	idf    float64
	entity bool // names a product or service
	full   bool // weighed in full: no common word, no context
	common bool // a common word (common.go)
	name   string
}

// Analyze ranks the entries for text and computes the confidence, in
// named steps: read the question's terms, score the entries that have
// them, keep the best candidates, measure the evidence, and check that the
// best entry fits the kind of question.
func (m *LexicalMatcher) Analyze(text, lang string) *Analysis {
	ws := m.lx.expandWords(text)
	m.lx.sizesAsStorage(ws)
	a := &Analysis{Lang: m.lx.detectLang(text, ws, lang)}
	if a.Chitchat = m.lx.smallTalk(ws); a.Chitchat != "" {
		return a
	}
	qts := m.queryTerms(a, text, ws)
	if len(qts) == 0 {
		return a
	}
	s := m.scratch.Get().(*scratch)
	defer m.scratch.Put(s)
	total, ideal := m.accumulate(s, qts)
	cands := m.candidates(s, qts, a.Lang)
	s.reset()
	if len(cands) == 0 {
		a.Features = Features{Unknown: float64(len(a.Unknown)) / float64(len(qts)), Salient: float64(len(qts))}
		return a
	}
	for _, c := range cands {
		a.Candidates = append(a.Candidates, Candidate{Entry: m.ix.entries[c.doc], Score: c.score, Coverage: c.cov / total})
	}
	a.Features = m.features(a, qts, cands, total, ideal)
	a.Confidence = m.cal.confidence(a.Features)
	m.checkFit(a, qts, text, ws, cands[0].doc)
	return a
}

// queryTerms reads the question's distinct terms, correcting typos, and
// weighs each: common words, the asker's description of themselves, the
// date of an action and the sentences around the question count less.
func (m *LexicalMatcher) queryTerms(a *Analysis, text string, ws []string) []queryTerm {
	ix := m.ix
	var qts []queryTerm
	seen := map[string]bool{}
	toks := m.lx.analyzeWords(ws)
	context := m.lx.selfDescribed(toks)
	focus := m.lx.askedPart(text)
	acting := false
	typoBudget := maxTypoCorrections
	for _, t := range toks {
		acting = acting || actionTerms[t.Term]
	}
	for ti, tok := range toks {
		if tok.Term == "" || m.lx.chitchat[tok.Word] != "" {
			continue
		}
		term := tok.Term
		id, ok := ix.terms[term]
		if !ok && term[0] != '=' {
			if c := ix.typos.correct(tok.Word, func(id int32) int { return len(ix.postings[id]) }, &typoBudget); c >= 0 {
				id, ok = c, true
				term = termName(ix, c)
			}
		}
		if seen[term] {
			continue
		}
		seen[term] = true
		a.Terms = append(a.Terms, term)
		common := m.lx.isCommon(tok.Word, term)
		wt := 1.0
		if common || context[ti] || whenTerms[term] && acting {
			wt = commonWeight
		}
		if focus != nil && !focus[tok.Term] {
			wt *= contextFactor
			if !ok {
				// a word no entry knows in the setting ("Canon MG3650. Au
				// fait, combien coûte la formation ?") is a detail of the
				// asker's situation, not a topic the FAQ lacks
				wt = commonWeight * contextFactor
			}
		}
		if !ok {
			if m.lx.names[tok.Word] {
				a.foreign = true
			}
			if wt == 1 {
				a.Unknown = append(a.Unknown, tok.Word)
			}
			qts = append(qts, queryTerm{id: -1, idf: wt * float64(ix.maxIDF), full: wt == 1, name: term})
			continue
		}
		qts = append(qts, queryTerm{id: id, idf: wt * float64(ix.idf[id]), entity: m.lx.names[tok.Word], full: wt == 1, name: term, common: common})
	}
	return qts
}

// accumulate adds each known term's weight to the entries that have it
// (BM25F score, coverage, and the part in title, questions and tags), and
// returns the question's total weight and the best score possible.
func (m *LexicalMatcher) accumulate(s *scratch, qts []queryTerm) (total, ideal float64) {
	ix := m.ix
	for _, q := range qts {
		total += q.idf
		if q.id < 0 {
			continue
		}
		ideal += q.idf * (defaultBM25.k1 + 1)
		st := ix.strong[q.id]
		for i, p := range ix.postings[q.id] {
			if s.score[p.doc] == 0 && s.cov[p.doc] == 0 {
				s.touched = append(s.touched, p.doc)
			}
			s.score[p.doc] += float32(q.idf) * p.w
			s.cov[p.doc] += float32(q.idf)
			if st[i] {
				s.strong[p.doc] += float32(q.idf)
				if q.entity {
					s.ent[p.doc]++
				}
			}
		}
	}
	return total, ideal
}

// reset clears the entries touched by accumulate for the next question.
func (s *scratch) reset() {
	for _, d := range s.touched {
		s.score[d], s.cov[d], s.strong[d], s.ent[d] = 0, 0, 0, 0
	}
	s.touched = s.touched[:0]
}

// cand is an entry being ranked.
type cand struct {
	doc                int32
	score, cov, strong float64
}

// candidates keeps the best maxCandidates entries, a pair of translations
// as one topic, weighing down an entry in the other language and one that
// does not name a product the question names when others do.
func (m *LexicalMatcher) candidates(s *scratch, qts []queryTerm, lang string) []cand {
	ix := m.ix
	ent := m.entityEvidence(s, qts, lang)
	// keep the best maxCandidates with an insertion into a short sorted
	// list: touched can be most of a large KB, sorting it all would dominate
	cands := make([]cand, 0, maxCandidates+1)
	better := func(x, y cand) bool { return x.score > y.score || (x.score == y.score && x.doc < y.doc) }
	for _, d := range s.touched {
		// a pair of translations competes as one topic, under the entry in
		// the asker's language, with the better evidence of the two
		rep := d
		if t := ix.twin[d]; t >= 0 && ix.entries[d].Lang != lang && ix.entries[t].Lang == lang {
			rep = t
			if s.score[t] > 0 || s.cov[t] > 0 {
				continue // t is touched too and stands for the pair
			}
		}
		sc, cv, st := s.score[rep], s.cov[rep], s.strong[rep]
		if t := ix.twin[rep]; t >= 0 {
			sc, cv, st = max(sc, s.score[t]), max(cv, s.cov[t]), max(st, s.strong[t])
		}
		e := s.ent[rep]
		if t := ix.twin[rep]; t >= 0 {
			e = max(e, s.ent[t])
		}
		namesIt := ent.n > 0 && e == ent.n && (!ent.same || st > ent.strongSame)
		if ix.entries[rep].Lang != lang && !namesIt {
			sc *= otherLangFactor
		}
		if ent.any && e < ent.n {
			// the question names a product or protocol that some entries
			// are about (title, questions or tags): one merely mentioning
			// it in its answer is about something else
			sc *= entityMissFactor
		}
		c := cand{rep, float64(sc), float64(cv), float64(st)}
		if len(cands) == maxCandidates && !better(c, cands[len(cands)-1]) {
			continue
		}
		i := len(cands)
		cands = append(cands, c)
		for i > 0 && better(c, cands[i-1]) {
			cands[i] = cands[i-1]
			i--
		}
		cands[i] = c
		if len(cands) > maxCandidates {
			cands = cands[:maxCandidates]
		}
	}
	return cands
}

// entities is what the entries say of the products the question names.
type entities struct {
	n          int32   // products or protocols the question names that entries have
	any, same  bool    // some entry (in the asker's language) has them all as its topic
	strongSame float32 // the best title/questions/tags evidence of such an entry in the asker's language
}

// entityEvidence: the question may name a product or service that is the
// topic of some entries (in their title, questions or tags). An entry in
// the other language that names it so keeps its full score when it
// explains the question better (more of it in title, questions and tags)
// than every entry in the asker's language naming it so: "forgot my
// Mastodon password" must not go to an English answer about another
// service that mentions Mastodon in passing, when only French has the
// answer.
func (m *LexicalMatcher) entityEvidence(s *scratch, qts []queryTerm, lang string) entities {
	ix := m.ix
	var ent entities
	for _, q := range qts {
		if q.entity && q.id >= 0 {
			ent.n++
		}
	}
	if ent.n == 0 {
		return ent
	}
	for _, d := range s.touched {
		e, st := s.ent[d], s.strong[d]
		if t := ix.twin[d]; t >= 0 {
			e, st = max(e, s.ent[t]), max(st, s.strong[t])
		}
		if e == ent.n {
			ent.any = true
			if ix.entries[d].Lang == lang {
				ent.same = true
				ent.strongSame = max(ent.strongSame, st)
			}
		}
	}
	return ent
}

// features measures the evidence for the best candidate.
func (m *LexicalMatcher) features(a *Analysis, qts []queryTerm, cands []cand, total, ideal float64) Features {
	ix := m.ix
	top := cands[0]
	second := 0.0
	if len(cands) > 1 {
		second = cands[1].score
	}
	var unkW float64
	for _, q := range qts {
		if q.id < 0 {
			unkW += q.idf
		}
	}
	f := Features{
		Norm:          top.score / ideal,
		Coverage:      top.cov / total,
		Strong:        top.strong / total,
		Margin:        (top.score - second) / top.score,
		Unknown:       float64(len(a.Unknown)) / float64(len(qts)),
		Salient:       float64(len(qts)),
		UnknownWeight: unkW / total,
	}
	if a.foreign {
		f.Foreign = 1
	}
	f.Specific = min(top.cov/float64(ix.maxIDF), 3) / 3
	for _, q := range qts {
		if q.id < 0 || !ix.has(q.id, top.doc) {
			f.Missing = max(f.Missing, q.idf/float64(ix.maxIDF))
		}
	}
	return f
}

// checkFit marks what makes the best entry doc no answer to this kind of
// question: it asks how many or how long and the entry gives no number,
// asks whether X is offered and the entry does not name X, or names what
// the glossary tells apart from the entry's topic.
func (m *LexicalMatcher) checkFit(a *Analysis, qts []queryTerm, text string, ws []string, doc int32) {
	ix := m.ix
	if asked := m.lx.askedQuantity(ws); asked != "" {
		id, ok := int32(durationID), true
		if asked != durationTerm {
			id, ok = ix.terms[asked]
		}
		a.noCount = !ok || !ix.gives(doc, id) && (ix.twin[doc] < 0 || !ix.gives(ix.twin[doc], id))
	}
	a.nearMiss = m.nearMiss(qts, doc)
	a.leadRarity = m.lead(qts, doc)
	a.lead = a.leadRarity > 0
	for _, t := range m.lx.askedObject(ws, strings.Contains(text, "?")) {
		id, ok := ix.terms[t]
		if !ok || !ix.has(id, doc) && (ix.twin[doc] < 0 || !ix.has(id, ix.twin[doc])) {
			a.noObject = true
		}
	}
}

func termName(ix *index, id int32) string { return ix.names[id] }

// Features are the signals the confidence model combines.
type Features struct {
	Norm          float64 // best score relative to a perfect match of every known term
	Coverage      float64 // idf share of the question's terms found in the best entry
	Strong        float64 // same, counting only title, questions and tags
	Margin        float64 // relative gap to the best entry that is not a translation
	Unknown       float64 // share of the question's terms no entry contains
	Salient       float64 // number of distinct salient terms
	Missing       float64 // highest idf (relative) of a term the best entry lacks
	Foreign       float64 // 1 when the question names a product or service no entry mentions
	UnknownWeight float64 // idf share of the question's terms no entry contains
	Specific      float64 // idf found in the best entry, in units of the rarest word's, up to 3, over 3
}

// vector is what the confidence model weighs. Few signals on purpose: a
// community calibrates on a few hundred labelled questions, of which a few
// dozen it should not answer, and more signals fit those few by heart.
func (f Features) vector() []float64 {
	return []float64{1, f.Norm, f.Coverage, f.UnknownWeight, f.Specific}
}

// FeatureNames name the entries of the confidence model's weight vector.
var FeatureNames = []string{"bias", "norm", "coverage", "unknown", "specific"}

// nearMiss returns a term of the question that the glossary tells apart
// ("A != B") from a topic of the best entry doc (in its title, questions
// or tags), when the entry is not about it too: the question is about a
// neighbour of what the entry covers, so the entry is offered, not
// answered. "" when there is none.
//
// Without the glossary's word this is not guessed: read off the index
// (a term other entries are about and this one does not mention), it
// vetoed two to four right answers for each wrong one it stopped.
func (m *LexicalMatcher) nearMiss(qts []queryTerm, doc int32) string {
	ix := m.ix
	twin := ix.twin[doc]
	covers := func(id int32) bool {
		return ix.hasStrong(id, doc) || twin >= 0 && ix.hasStrong(id, twin)
	}
	for _, q := range qts {
		if !q.full || q.id >= 0 && covers(q.id) {
			continue
		}
		for _, other := range m.lx.apart[q.name] {
			if id, ok := ix.terms[other]; ok && covers(id) {
				return q.name
			}
		}
	}
	return ""
}

// lead reports whether the best entry doc (or its translation) has in its
// title, questions or tags a term of the question that is no common word:
// "did you mean" on common words alone ("petit", "jour", "send") is noise,
// and so is a lone letter (the "e" of an error code "E-05").
// It returns the rarity of the rarest such word (its idf over the rarest
// word's), 0 when there is none.
func (m *LexicalMatcher) lead(qts []queryTerm, doc int32) float64 {
	ix := m.ix
	twin := ix.twin[doc]
	rarity := 0.0
	for _, q := range qts {
		if !q.common && q.id >= 0 && len(q.name) > 1 && (ix.hasStrong(q.id, doc) || twin >= 0 && ix.hasStrong(q.id, twin)) {
			rarity = max(rarity, float64(ix.idf[q.id])/float64(ix.maxIDF))
		}
	}
	return rarity
}
