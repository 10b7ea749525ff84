package faq

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Learning from use: the questions people asked, labelled by what
// happened (a "did you mean" pick, thanks on an answer, a mentor's answer
// pointing to an entry, a ticket turned into an entry), become new
// phrasings of the entries for maintainers to review in a git diff.

// Proposal is the new phrasings learnt for one entry.
type Proposal struct {
	Entry     *Entry
	Phrasings []string
}

// MaxLearnt bounds the phrasings proposed for one entry in one run, so
// that a burst of one question does not bury the maintainer's own.
const MaxLearnt = 5

// Learn proposes as phrasings of their entries the labelled questions the
// matcher did not answer with their entry (it answered another, offered
// it among others, or handed the question to mentors), at most max per
// entry, in the labels' order; one the entry already says (same terms) is
// left out. A question it answers right teaches nothing (measured by
// Replay: adding those too made the ranking worse), and null labels teach
// no phrasing. Of a message that tells a story around its question, only
// the asking sentences are kept (Replay: a third fewer false answers).
// A phrasing is proposed only if, with it, the matcher answers none of the
// labels wrongly that it did not before (see guard).
func Learn(m *LexicalMatcher, labels []Query, max int) []Proposal {
	byEntry := map[string][]string{}
	known := map[string]map[string]bool{} // entry → its phrasings' terms
	var order []string
	for _, q := range labels {
		e, ok := m.kb.Get(q.Expect)
		if q.Expect == "" || !ok || e.Draft {
			continue
		}
		if known[e.ID] == nil {
			known[e.ID] = map[string]bool{}
			for _, p := range append([]string{e.Title}, e.Questions...) {
				known[e.ID][m.termKey(p)] = true
			}
			order = append(order, e.ID)
		}
		text := carryingWords(askingSentences(q.Text))
		k := m.termKey(text)
		if k == "" || known[e.ID][k] {
			continue
		}
		known[e.ID][k] = true
		res := m.Match(text, q.Lang)
		missed := res.Decision != Answer || res.Entry == nil || res.Entry.ID != e.ID
		if !missed {
			continue // answered right already: the phrasing would teach nothing
		}
		byEntry[e.ID] = append(byEntry[e.ID], text)
	}
	g := newGuard(m, labels)
	var out []Proposal
	for _, id := range order {
		e, _ := m.kb.Get(id)
		var kept []string
		for _, c := range byEntry[id] {
			if len(kept) < max && g.accept(e, c) {
				kept = append(kept, c)
			}
		}
		if len(kept) > 0 {
			out = append(out, Proposal{Entry: e, Phrasings: kept})
		}
	}
	return out
}

// guard keeps learning from letting a false answer through on the labels
// the community already has: a phrasing is accepted only if, with it and
// the phrasings accepted before it, the matcher still answers none of
// the known negatives (questions labelled as covered by no entry) and
// none of the other labelled questions with a wrong entry, where it did
// not before. Learnt phrasings carry incidental words ("le site de la
// mairie") that pull neighbouring questions no entry covers onto the
// entry; this is where such a phrasing is caught.
type guard struct {
	base   *LexicalMatcher
	added  []Proposal
	checks []Query // the labels the original matcher does not answer wrongly
}

func newGuard(m *LexicalMatcher, labels []Query) *guard {
	g := &guard{base: m}
	for _, q := range labels {
		if !answersWrongly(m, q) {
			g.checks = append(g.checks, q)
		}
	}
	return g
}

// accept adds phrasing to entry e when no check is then answered wrongly.
func (g *guard) accept(e *Entry, phrasing string) bool {
	added := append(slices.Clip(g.added), Proposal{Entry: e, Phrasings: []string{phrasing}})
	m := g.base.withKB(WithPhrasings(g.base.kb, added))
	for _, q := range g.checks {
		if answersWrongly(m, q) {
			return false
		}
	}
	g.added = added
	return true
}

// answersWrongly reports whether m answers q (not a small-talk reply)
// with an entry other than the one it expects, or at all when it
// expects none.
func answersWrongly(m *LexicalMatcher, q Query) bool {
	res := m.Match(q.Text, q.Lang)
	if res.Decision != Answer || res.Entry == nil {
		return false
	}
	return res.Entry.ID != q.Expect
}

// withKB is m over kb, an edit of m's KB with the same glossary: the same
// vocabulary and decision, a new index.
func (m *LexicalMatcher) withKB(kb *KB) *LexicalMatcher {
	n := &LexicalMatcher{kb: kb, lx: m.lx, ix: buildIndex(kb.Served(), defaultBM25, m.lx), cal: m.cal,
		answerT: m.answerT, suggT: m.suggT}
	size := len(n.ix.entries)
	n.scratch.New = func() any {
		return &scratch{score: make([]float32, size), cov: make([]float32, size), strong: make([]float32, size), ent: make([]int32, size)}
	}
	return n
}

// termKey is a phrasing's distinct terms, sorted: two phrasings with the
// same key teach the matcher nothing new about each other.
func (m *LexicalMatcher) termKey(text string) string {
	var ts []string
	for _, t := range m.lx.analyzeWords(m.lx.expandWords(text)) {
		if t.Term != "" {
			ts = append(ts, t.Term)
		}
	}
	slices.Sort(ts)
	return strings.Join(slices.Compact(ts), " ")
}

// WithPhrasings returns a copy of kb whose entries have the proposals'
// phrasings added to their questions (kb is unchanged).
func WithPhrasings(kb *KB, props []Proposal) *KB {
	add := map[string][]string{}
	for _, p := range props {
		add[p.Entry.ID] = append(add[p.Entry.ID], p.Phrasings...)
	}
	entries := make([]*Entry, len(kb.Entries))
	for i, e := range kb.Entries {
		entries[i] = e
		if qs := add[e.ID]; len(qs) > 0 {
			c := *e
			c.Questions = append(slices.Clip(e.Questions), qs...)
			entries[i] = &c
		}
	}
	out := NewKB(entries)
	out.Glossary = kb.Glossary
	return out
}

// AddQuestions returns an entry file's content with phrasings appended to
// its questions list, written as the list is (one "- " line each, with the
// list's indentation), so that the change reads as a plain git diff. An
// entry whose questions are written inline ([a, b]) is refused: the
// caller writes those to a review file.
func AddQuestions(data []byte, phrasings []string) ([]byte, error) {
	lines := strings.SplitAfter(string(data), "\n")
	key, last, indent := -1, -1, "  "
	for i := 1; i < len(lines); i++ {
		t := strings.TrimRight(lines[i], "\r\n")
		if strings.TrimSpace(t) == "---" || !strings.HasPrefix(strings.TrimSpace(lines[0]), "---") {
			break // the end of the front matter
		}
		if key < 0 {
			if rest, ok := strings.CutPrefix(t, "questions:"); ok {
				if strings.TrimSpace(rest) != "" {
					return nil, fmt.Errorf("the questions are written on one line: add the new ones by hand")
				}
				key, last = i, i
			}
			continue
		}
		item := strings.TrimLeft(t, " ")
		if strings.HasPrefix(item, "- ") {
			if last == key {
				indent = t[:len(t)-len(item)]
			}
			last = i
			continue
		}
		if t != "" && !strings.HasPrefix(t, " ") {
			break // the next key
		}
	}
	if key < 0 {
		return nil, fmt.Errorf("no questions list in the front matter")
	}
	var out strings.Builder
	for i, l := range lines {
		out.WriteString(l)
		if i == last {
			if !strings.HasSuffix(l, "\n") {
				out.WriteString("\n")
			}
			for _, p := range phrasings {
				out.WriteString(indent + "- " + strconv.Quote(p) + "\n")
			}
		}
	}
	return []byte(out.String()), nil
}

// Enough labels to fit a calibration of a community's own: fitted on
// fewer, the thresholds follow a few questions by heart.
const (
	MinCalibrationInScope = 150
	MinCalibrationNull    = 30
)

// Recalibrate fits a calibration of m's on labels when they are enough,
// and returns it with ok only when, on those labels, it answers more
// questions right than m's own calibration without one more false answer.
// builtin and fitted are the two reports on the labels (nil when there
// are too few).
func Recalibrate(m *LexicalMatcher, labels []Query) (cal Calibration, ok bool, builtin, fitted *Report) {
	var inScope, null int
	for _, q := range labels {
		if q.Expect == "" {
			null++
		} else {
			inScope++
		}
	}
	if inScope < MinCalibrationInScope || null < MinCalibrationNull {
		return cal, false, nil, nil
	}
	builtin = Evaluate(m, labels)
	t := DefaultTargets
	t.MaxFalseAnswer = min(t.MaxFalseAnswer, builtin.FalseAnswerRate())
	cal = Fit(m, labels, t)
	fitted = Evaluate(m.withCalibration(cal), labels)
	ok = fitted.FalseAnswers <= builtin.FalseAnswers && fitted.Top1 > builtin.Top1
	return cal, ok, builtin, fitted
}

// Replay measures the learning loop on a labelled set: the first half
// (every other line) is played as usage — the asker thanks an answer with
// the right entry and picks the right entry when it is offered, and a
// question the bot did not answer goes to a mentor, who says no entry
// covers it — and the phrasings that teaches are added to the entries;
// the second half is scored before and after. Then the halves swap; the
// reports add both. (Recalibrating on the usage's labels as well was
// measured: those labels hold only the null questions the bot did not
// answer, so the fit saw no false answer to avoid and cost coverage.)
func Replay(kb *KB, qs []Query, opts Options) (before, after *Report, learnt int) {
	before, after = &Report{}, &Report{}
	m := NewMatcher(kb, opts)
	for half := range 2 {
		var usage, test []Query
		for i, q := range qs {
			if i%2 == half {
				usage = append(usage, q)
			} else {
				test = append(test, q)
			}
		}
		var labels []Query
		for _, q := range usage {
			res := m.Match(q.Text, q.Lang)
			offered := res.Suggestions
			if res.Decision == Answer {
				offered = res.SeeAlso
			}
			switch {
			case q.Expect != "" && (res.Decision == Answer && res.Entry != nil && res.Entry.ID == q.Expect ||
				res.Decision != Abstain && hasEntry(offered, q.Expect)):
				labels = append(labels, q)
			case q.Expect == "" && res.Decision != Answer && res.Chitchat == "":
				labels = append(labels, q)
			}
		}
		props := Learn(m, labels, MaxLearnt)
		for _, p := range props {
			learnt += len(p.Phrasings)
		}
		lm := NewMatcher(WithPhrasings(kb, props), opts)
		for _, q := range test {
			before.add(q, m.Match(q.Text, q.Lang), 0)
			after.add(q, lm.Match(q.Text, q.Lang), 0)
		}
	}
	return before, after, learnt
}

// askingSentences keeps the sentences of text that end with "?" when it
// also has others ("Bonjour, je suis retraitée. Je pourrais aider ?"):
// the story around a question would teach the entry words that are not
// its topic. Text without a question mark is kept whole.
func askingSentences(text string) string {
	var asked []string
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '.', '!', '\n':
			start = i + 1
		case '?':
			if s := strings.TrimSpace(text[start : i+1]); len(s) > 1 {
				asked = append(asked, s)
			}
			start = i + 1
		}
	}
	if len(asked) == 0 {
		return text
	}
	return strings.Join(asked, " ")
}

// carryingWords is text without its numbers ("on est 3 à la maison"):
// a count, an amount or a date is the asker's case, not the question's
// topic, and learnt it would pull any question with that number onto the
// entry (Replay on Le Nid Libre: more right answers, no more false ones).
func carryingWords(text string) string {
	var kept []string
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 || strings.IndexFunc(w, unicode.IsDigit) < 0 {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}
