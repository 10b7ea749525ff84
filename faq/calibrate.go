package faq

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
)

// Calibration is the matcher's confidence model: a logistic regression over
// Features giving the probability that the best entry is the right answer,
// and the thresholds on that probability for answering and for offering
// "did you mean". "entraide faq calibrate" fits it on labelled questions.
type Calibration struct {
	Features  []string  `json:"features"` // FeatureNames at fitting time
	Weights   []float64 `json:"weights"`
	Threshold float64   `json:"threshold"` // answer at or above
	Suggest   float64   `json:"suggest"`   // "did you mean" at or above
	Lines     int       `json:"lines,omitempty"`
}

func (c Calibration) confidence(f Features) float64 {
	x := f.vector()
	z := 0.0
	for i, w := range c.Weights {
		if i < len(x) {
			z += w * x[i]
		}
	}
	return 1 / (1 + math.Exp(-z))
}

// LoadCalibration reads a file written by SaveCalibration and checks it
// fits this matcher.
func LoadCalibration(path string) (*Calibration, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Calibration
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s: not a calibration file: %v", path, err)
	}
	if len(c.Weights) != len(FeatureNames) || len(c.Features) != len(FeatureNames) {
		return nil, fmt.Errorf("%s: made for another matcher version (features %v); run \"entraide faq calibrate\" again", path, c.Features)
	}
	for i, n := range FeatureNames {
		if c.Features[i] != n {
			return nil, fmt.Errorf("%s: made for another matcher version (feature %q, want %q); run \"entraide faq calibrate\" again", path, c.Features[i], n)
		}
	}
	if !(c.Threshold > 0 && c.Threshold <= 1 && c.Suggest >= 0 && c.Suggest <= c.Threshold) {
		return nil, fmt.Errorf("%s: thresholds must satisfy 0 <= suggest <= threshold <= 1 (got %g, %g)", path, c.Suggest, c.Threshold)
	}
	return &c, nil
}

// Save writes c as indented JSON.
func (c *Calibration) Save(path string) error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Targets are what calibration optimises for.
type Targets struct {
	MaxFalseAnswer float64 // highest tolerated share of answered null questions
}

// DefaultTargets keep false answers on questions the FAQ does not cover at
// or under 4 %, leaving room under a 5 % goal.
var DefaultTargets = Targets{MaxFalseAnswer: 0.04}

// sample is one labelled question as the calibration sees it.
type sample struct {
	f       Features
	correct bool // the best entry is the expected one
	null    bool // the question expects no answer
	inSugg  bool // the expected entry is among the suggestions
	chit    bool
	foreign bool // names a product the FAQ never mentions, or a number the entry lacks: never answered
	// asks whether a product the FAQ never mentions is offered: neither
	// answered nor, under the answer threshold, suggested
	unsuggestable bool
	noLead        bool // no word of the question, but common ones, in the best entry's title, questions or tags: never suggested
}

// Fit learns the confidence model and thresholds from labelled questions.
func Fit(m *LexicalMatcher, qs []Query, t Targets) Calibration {
	return fitSamples(m.samples(qs), t)
}

func (m *LexicalMatcher) samples(qs []Query) []sample {
	out := make([]sample, 0, len(qs))
	for _, q := range qs {
		a := m.Analyze(q.Text, q.Lang)
		s := sample{f: a.Features, null: q.Expect == "", chit: a.Chitchat != "", foreign: a.foreign || a.noCount || a.noObject || a.nearMiss != "" || a.Features.Strong == 0,
			unsuggestable: a.foreign && a.noObject, noLead: a.Features.Strong == 0 || !a.lead}
		if len(a.Candidates) > 0 && a.Chitchat == "" {
			s.correct = a.Candidates[0].Entry.ID == q.Expect
			s.inSugg = hasEntry(m.suggestions(a), q.Expect)
		}
		out = append(out, s)
	}
	return out
}

func fitSamples(ss []sample, t Targets) Calibration {
	c := Calibration{Features: append([]string(nil), FeatureNames...), Weights: logistic(ss), Lines: len(ss)}
	c.Threshold, c.Suggest = chooseThresholds(c, ss, t)
	return c
}

// logistic fits weights by gradient descent with a little L2 shrinkage, so
// that a small labelled file gives a stable model.
func logistic(ss []sample) []float64 {
	n := len(FeatureNames)
	w := make([]float64, n)
	var xs [][]float64
	var ys []float64
	for _, s := range ss {
		if s.chit || s.foreign || s.unsuggestable {
			// the model learns from the questions its threshold decides:
			// small talk and questions never answered whatever their
			// confidence (a product no entry names, a near miss, a match
			// in answers alone) would teach it what the rules already
			// settle (fitted on one FAQ and scored on the other, this
			// answers more right with no more false answers)
			continue
		}
		xs = append(xs, s.f.vector())
		y := 0.0
		if s.correct {
			y = 1
		}
		ys = append(ys, y)
	}
	if len(xs) == 0 {
		return append([]float64(nil), DefaultCalibration.Weights...)
	}
	const lambda, rate, iters = 0.002, 1.0, 6000
	g := make([]float64, n)
	for range iters {
		for i := range g {
			g[i] = 0
		}
		for k, x := range xs {
			z := 0.0
			for i := range w {
				z += w[i] * x[i]
			}
			p := 1 / (1 + math.Exp(-z))
			for i := range w {
				g[i] += (p - ys[k]) * x[i]
			}
		}
		for i := range w {
			reg := lambda * w[i]
			if i == 0 {
				reg = 0
			}
			w[i] -= rate * (g[i]/float64(len(xs)) + reg)
		}
	}
	return w
}

// chooseThresholds picks the answer threshold that maximises correct
// answers minus wrong ones (a wrong answer costs more than an escalation)
// while answering at most t.MaxFalseAnswer of the null questions, and the
// lowest suggestion threshold that keeps "did you mean" for questions where
// it helps.
func chooseThresholds(c Calibration, ss []sample, t Targets) (answer, suggest float64) {
	type pt struct {
		p float64
		s sample
	}
	var ps, vetoed []pt
	nulls := 0
	for _, s := range ss {
		if s.null {
			nulls++
		}
		switch {
		case s.chit || s.unsuggestable:
		case s.foreign:
			vetoed = append(vetoed, pt{c.confidence(s.f), s})
		default:
			ps = append(ps, pt{c.confidence(s.f), s})
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].p > ps[j].p })
	answer = 0.99
	bestGain := math.Inf(-1)
	gain, falseNull := 0.0, 0
	for i, x := range ps {
		switch {
		case x.s.null:
			falseNull++
			gain -= 2
		case x.s.correct:
			gain++
		default:
			gain -= 1.5
		}
		if i+1 < len(ps) && ps[i+1].p == x.p {
			continue
		}
		if nulls > 0 && float64(falseNull)/float64(nulls) > t.MaxFalseAnswer {
			break
		}
		if gain > bestGain {
			bestGain = gain
			// halfway to the next lower confidence, so close calls fall on the
			// side they fell in fitting
			next := 0.0
			if i+1 < len(ps) {
				next = ps[i+1].p
			}
			answer = (x.p + next) / 2
		}
	}
	// suggestions: reach the questions whose entry is among them, stop when
	// the remaining ones are mostly questions the FAQ cannot help with
	// (questions never answered whatever their confidence are offered
	// under the same threshold, so they count here too)
	below := append([]pt(nil), vetoed...)
	for _, x := range ps {
		if x.p < answer {
			below = append(below, x)
		}
	}
	sort.Slice(below, func(i, j int) bool { return below[i].p > below[j].p })
	suggest = answer
	helped, noise := 0.0, 0.0
	bestS := 0.0
	for _, x := range below {
		if x.s.noLead {
			continue
		}
		if x.s.inSugg && !x.s.null {
			helped++
		} else {
			noise += suggestNoise
		}
		if helped-noise > bestS {
			bestS = helped - noise
			suggest = x.p
		}
	}
	return answer, suggest
}

// suggestNoise is the cost of offering "did you mean" to a question the
// FAQ cannot help with (the asker replies "0" to reach a mentor), against 1
// for a list that holds the right entry (an answer without a mentor).
var suggestNoise = 0.3
