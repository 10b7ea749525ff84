package faq

import (
	"strings"
	"testing"
)

// A misspelt word is corrected even when its first letter is lost or
// changed ("nscription", "xnscription").
func TestTypoFirstLetter(t *testing.T) {
	kb, err := LoadFS(testKB())
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	for _, q := range []string{"dhésion en ligne ?", "xdhésion en ligne ?", "réinitialiser mon ot de passe nuage"} {
		if a := m.Analyze(q, "fr"); len(a.Candidates) == 0 || a.Candidates[0].Entry.ID != map[bool]string{true: "nuage-mot-de-passe", false: "adhesion"}[strings.Contains(q, "nuage")] {
			t.Errorf("%q: terms %v", q, a.Terms)
		}
	}
}

// "Did you mean" needs a word of the question that is no common word in
// the best entry's title, questions or tags.
func TestNoSuggestionOnCommonWords(t *testing.T) {
	fsys := testKB()
	fsys["fr/petit-dej.md"] = EntryFile("fr", "Un petit café le premier jour ?", "Y a-t-il un petit déjeuner le premier jour ?", "accueil", "Oui, café et croissants.")
	fsys["fr/petit-groupe.md"] = EntryFile("fr", "Les groupes sont-ils petits ?", "Combien de personnes le premier jour ?", "groupe", "Huit au plus.")
	kb, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	res := NewMatcher(kb, Options{}).Match("un petit souci le premier jour chez ma soeur", "fr")
	if res.Decision != Abstain {
		t.Errorf("common words alone: %v %v", res.Decision, entryIDsOf(res.Suggestions))
	}
}

func entryIDsOf(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
