package faq_test

import (
	"testing"

	"codeberg.org/entraide/entraide/faq"
)

// A lone word that only some answer's body mentions ("regardez dans les
// indésirables", "aide" in a price answer) is no question the FAQ answers:
// a troll's "spam" or a bare "aide" must not get a password or price answer.
func TestOneWordFoundOnlyInABodyIsNotAnswered(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	for _, q := range []string{"spam", "aide", "! aide", "spam spam spam"} {
		if r := m.Match(q, ""); r.Decision == faq.Answer {
			t.Errorf("%q answered with %s (confidence %.2f)", q, r.Entry.ID, r.Score)
		}
	}
	// One word in a title or tag still answers.
	if r := m.Match("tarif formation", ""); r.Decision != faq.Answer || r.Entry.ID != "formation-tarifs" {
		t.Errorf("tarif formation: %v %v", r.Decision, r.Entry)
	}
}
