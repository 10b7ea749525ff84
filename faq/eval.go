package faq

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Query is one labelled question of an evaluation file (JSON Lines:
// {"id": "...", "text": "...", "lang": "fr", "expect": "entry-id" or null}).
type Query struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Lang   string `json:"lang,omitempty"`
	Expect string `json:"-"` // "" when the bot should not answer
	Line   int    `json:"-"`
}

// ReadQueries parses JSON Lines; labelled says the expect key is required.
// Errors name the line.
func ReadQueries(r io.Reader, name string, labelled bool) ([]Query, error) {
	var out []Query
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var raw struct {
			ID     any             `json:"id"`
			Text   *string         `json:"text"`
			Lang   string          `json:"lang"`
			Expect json.RawMessage `json:"expect"`
		}
		if err := json.Unmarshal([]byte(text), &raw); err != nil {
			return nil, fmt.Errorf("%s:%d: bad JSON: %v", name, line, err)
		}
		if raw.Text == nil {
			return nil, fmt.Errorf("%s:%d: missing \"text\"", name, line)
		}
		q := Query{Text: *raw.Text, Lang: raw.Lang, Line: line}
		switch v := raw.ID.(type) {
		case string:
			q.ID = v
		case float64:
			q.ID = fmt.Sprint(v)
		case nil:
		default:
			return nil, fmt.Errorf("%s:%d: \"id\" must be a string", name, line)
		}
		if labelled {
			if raw.Expect == nil {
				return nil, fmt.Errorf("%s:%d: missing \"expect\" (an entry id or null)", name, line)
			}
			if string(raw.Expect) != "null" {
				if err := json.Unmarshal(raw.Expect, &q.Expect); err != nil {
					return nil, fmt.Errorf("%s:%d: \"expect\" must be an entry id or null", name, line)
				}
			}
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return out, nil
}

// Outcome is what a matcher did with one labelled question.
type Outcome struct {
	Query       Query
	Result      Result
	Took        time.Duration
	Correct     bool
	Suggested   bool // the expected entry was offered: as "did you mean", or under a close-call answer (SeeAlso)
	FalseAnswer bool // answered a question that expects no answer
}

// Report sums up an evaluation.
type Report struct {
	Outcomes              []Outcome
	InScope, Null         int
	Top1, FalseAnswers    int // correct in-scope answers; answered nulls
	Correct               int // correct overall (in-scope answers + abstentions on nulls)
	Covered               int // in-scope lines answered right or suggested
	Suggested, Abstained  int // in-scope lines that got suggestions, or nothing
	ChitchatNull, NullSug int // nulls taken as small talk; nulls that got suggestions
	Ranked1, Ranked3      int // in-scope lines whose entry ranked first, or in the top 3, whatever the decision
}

// Top1Rate is in-scope top-1 accuracy.
func (r *Report) Top1Rate() float64 { return ratio(r.Top1, r.InScope) }

// FalseAnswerRate is the share of null questions that got an answer.
func (r *Report) FalseAnswerRate() float64 { return ratio(r.FalseAnswers, r.Null) }

// Overall is accuracy over every line.
func (r *Report) Overall() float64 { return ratio(r.Correct, r.InScope+r.Null) }

// Coverage is the share of in-scope lines whose entry was answered or
// offered as "did you mean".
func (r *Report) Coverage() float64 { return ratio(r.Covered, r.InScope) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate runs m on every query.
func Evaluate(m Matcher, qs []Query) *Report {
	r := &Report{}
	for _, q := range qs {
		start := time.Now()
		res := m.Match(q.Text, q.Lang)
		r.add(q, res, time.Since(start))
	}
	return r
}

func (r *Report) add(q Query, res Result, took time.Duration) {
	o := Outcome{Query: q, Result: res, Took: took}
	answered := res.Decision == Answer && res.Entry != nil
	if q.Expect == "" {
		r.Null++
		o.FalseAnswer = answered
		o.Correct = !answered
		if res.Chitchat != "" {
			r.ChitchatNull++
		}
		if res.Decision == Suggest {
			r.NullSug++
		}
		if answered {
			r.FalseAnswers++
		}
	} else {
		r.InScope++
		o.Correct = answered && res.Entry.ID == q.Expect
		if res.Decision == Suggest {
			r.Suggested++
			o.Suggested = hasEntry(res.Suggestions, q.Expect)
		}
		if answered && res.Entry.ID != q.Expect {
			o.Suggested = hasEntry(res.SeeAlso, q.Expect)
		}
		if res.Decision == Abstain {
			r.Abstained++
		}
		if res.Entry != nil && res.Entry.ID == q.Expect {
			r.Ranked1++
			r.Ranked3++
		} else if hasEntry(res.Suggestions[:min(2, len(res.Suggestions))], q.Expect) {
			r.Ranked3++
		}
		if o.Correct {
			r.Top1++
		}
		if o.Correct || o.Suggested {
			r.Covered++
		}
	}
	if o.Correct {
		r.Correct++
	}
	r.Outcomes = append(r.Outcomes, o)
}

// CrossValidate splits qs into folds (every k-th line), calibrates on all
// folds but one and scores the one left out, for each fold in turn: the
// figures a community can expect on questions the calibration never saw.
func CrossValidate(kb *KB, qs []Query, folds int, t Targets) *Report {
	m := NewMatcher(kb, Options{})
	r := &Report{}
	results := make([]Result, len(qs))
	for f := range folds {
		var train []Query
		for i, q := range qs {
			if i%folds != f {
				train = append(train, q)
			}
		}
		cal := Fit(m, train, t)
		fm := m.withCalibration(cal)
		for i, q := range qs {
			if i%folds == f {
				results[i] = fm.Match(q.Text, q.Lang)
			}
		}
	}
	for i, q := range qs {
		r.add(q, results[i], 0)
	}
	return r
}

// withCalibration returns a matcher sharing m's index with another model.
func (m *LexicalMatcher) withCalibration(c Calibration) *LexicalMatcher {
	n := &LexicalMatcher{kb: m.kb, lx: m.lx, ix: m.ix, cal: c, answerT: c.Threshold, suggT: c.Suggest}
	size := len(m.ix.entries)
	n.scratch.New = func() any {
		return &scratch{score: make([]float32, size), cov: make([]float32, size), strong: make([]float32, size), ent: make([]int32, size)}
	}
	return n
}

// hasEntry reports whether the entry id is one of es.
func hasEntry(es []*Entry, id string) bool {
	for _, e := range es {
		if e.ID == id {
			return true
		}
	}
	return false
}

// LangFigures are a report's in-scope figures for the questions of one
// language.
type LangFigures struct {
	Lang                   string
	InScope, Top1, Ranked1 int
}

// ByLang splits the in-scope figures by the questions' language, in
// order of first appearance.
func (r *Report) ByLang() []LangFigures {
	var out []LangFigures
	at := map[string]int{}
	for _, o := range r.Outcomes {
		if o.Query.Expect == "" {
			continue
		}
		i, ok := at[o.Query.Lang]
		if !ok {
			i = len(out)
			at[o.Query.Lang] = i
			out = append(out, LangFigures{Lang: o.Query.Lang})
		}
		out[i].InScope++
		if o.Correct {
			out[i].Top1++
		}
		if e := o.Result.Entry; e != nil && e.ID == o.Query.Expect && o.Result.Chitchat == "" {
			out[i].Ranked1++
		}
	}
	return out
}
