package faq

import (
	"testing"

	"codeberg.org/entraide/entraide/example"
)

// A weak match whose only lead is a word many entries of the FAQ have in
// their titles ("compte" in the example FAQ) gets no "did you mean": the
// asker's bank account is not the Nuage account. A weak match on a rarer
// word still does.
func TestWeakMatchOnAFrequentWordIsNoLead(t *testing.T) {
	kb, err := LoadFS(example.FAQ())
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	mid := (m.suggT + m.answerT) / 2
	for _, q := range []string{"le compte de ma banque", "une question sur mon compte bancaire"} {
		a := m.Analyze(q, "")
		if !(a.lead && a.leadRarity < weakLead && a.Confidence >= m.suggT && a.Confidence < mid) {
			t.Fatalf("%q no longer a weak match on a frequent word (lead rarity %.2f, confidence %.2f): pick another question", q, a.leadRarity, a.Confidence)
		}
		if r := m.decide(a); r.Decision != Abstain {
			t.Errorf("%q: %v %v", q, r.Decision, entryIDsOf(r.Suggestions))
		}
	}
	q := "ma box internet est en panne"
	a := m.Analyze(q, "")
	if a.leadRarity < weakLead || a.Confidence >= mid {
		t.Fatalf("%q no longer a weak match on a rare word (lead rarity %.2f, confidence %.2f)", q, a.leadRarity, a.Confidence)
	}
	if r := m.decide(a); r.Decision != Suggest {
		t.Errorf("%q: want did you mean, got %v", q, r.Decision)
	}
}
