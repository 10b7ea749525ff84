package faq

import "testing"

// TestNaiveBaselineAnswersPlainQuestions: the baseline answers a question
// worded like an entry's and stays out of unrelated ones, so the real
// matcher is measured against something that works.
func TestNaiveBaselineAnswersPlainQuestions(t *testing.T) {
	kb, err := LoadDir("../example/faq")
	if err != nil {
		t.Fatal(err)
	}
	m := NewNaiveMatcher(kb)
	for text, want := range map[string]string{
		"combien coûte la formation ?":           "formation-tarifs",
		"comment faire un don à l'association ?": "don",
		"quel temps fera-t-il demain à Tokyo ?":  "",
	} {
		r := m.Match(text, "fr")
		got := ""
		if r.Decision == Answer {
			got = r.Entry.ID
		}
		if got != want {
			t.Errorf("%q: answered %q, want %q (%v)", text, got, want, r.Decision)
		}
	}
	// reworded, not copied from an entry: a whole-question fuzzy find
	// answers none of these
	for text, want := range map[string]string{
		"quel prix pour la formation réseaux sociaux ?":           "formation-tarifs",
		"mon don est-il déductible des impôts ?":                  "don",
		"impossible de me connecter au nuage, mot de passe perdu": "nuage-mot-de-passe",
	} {
		if r := m.Match(text, "fr"); r.Entry == nil || r.Entry.ID != want {
			t.Errorf("%q: ranked first %v, want %s", text, r.Entry, want)
		}
	}
}
