package faq_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"codeberg.org/entraide/entraide/faq"
)

// phrasings returns, for every served entry of kb, its title, its
// questions and the first half of each (people stop mid-sentence): a
// corpus of questions near the FAQ, with many near misses.
func phrasings(kb *faq.KB) []string {
	var out []string
	for _, e := range kb.Served() {
		for _, q := range append([]string{e.Title}, e.Questions...) {
			w := strings.Fields(q)
			out = append(out, q, strings.Join(w[:max(1, len(w)/2)], " "))
		}
	}
	return out
}

// "Did you mean" offers a choice: with a single candidate worth offering
// and not enough confidence to answer, the question goes to the mentors
// (a ticket) instead of a one-item "did you mean X?" the asker can only
// accept.
func TestDidYouMeanNeedsTwoCandidates(t *testing.T) {
	m, kb := exampleMatcher(t, faq.Options{})
	lone := 0
	for _, q := range phrasings(kb) {
		a := m.Analyze(q, "")
		res := m.Match(q, "")
		if res.Decision == faq.Suggest && len(res.Suggestions) < 2 {
			t.Errorf("%q: did you mean with %d suggestion(s), want 2 or more", q, len(res.Suggestions))
		}
		if res.Decision == faq.Abstain && len(res.Suggestions) == 1 && a.Confidence >= faq.DefaultCalibration.Suggest && a.Features.Strong > 0 {
			lone++
		}
	}
	// the case that matters must occur, or the test proves nothing
	if lone == 0 {
		t.Fatal("no question with a single lead above the suggestion threshold: the corpus no longer exercises the rule")
	}
}

// "See also" under an answer lists the runners-up scoring within a tenth of
// the best, and only them: an entry clearly behind is noise under an answer.
func TestSeeAlsoWithinATenthOfTheBest(t *testing.T) {
	m, kb := exampleMatcher(t, faq.Options{})
	near, far := 0, 0
	for _, q := range phrasings(kb) {
		res := m.Match(q, "")
		if res.Decision != faq.Answer {
			continue
		}
		a := m.Analyze(q, "")
		best := a.Candidates[0].Score
		var want []string
		for _, c := range a.Candidates[1:] {
			if c.Score < 0.9*best {
				if c.Score >= 0.7*best {
					far++ // close enough that a looser rule would list it
				}
				break
			}
			if len(want) < 2 {
				want = append(want, c.Entry.ID)
			}
		}
		near += len(want)
		var got []string
		for _, e := range res.SeeAlso {
			got = append(got, e.ID)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q answered with %s: see also %v, want %v", q, res.Entry.ID, got, want)
		}
	}
	if near == 0 || far == 0 {
		t.Fatalf("the corpus has %d close runners-up and %d between 70 and 90 %% of the best: it no longer exercises the rule", near, far)
	}
}

// The answered entry is not offered again among the suggestions beside it.
func TestAnsweredEntryIsNotAlsoSuggested(t *testing.T) {
	m, kb := exampleMatcher(t, faq.Options{})
	answered := 0
	for _, q := range phrasings(kb) {
		res := m.Match(q, "")
		if res.Decision != faq.Answer {
			continue
		}
		answered++
		for _, s := range res.Suggestions {
			if s.ID == res.Entry.ID {
				t.Errorf("%q: answered with %s and suggested it again", q, s.ID)
			}
		}
	}
	if answered == 0 {
		t.Fatal("no question answered: the corpus no longer exercises the rule")
	}
}

// Of two entries in different languages that match a question about as
// well, the one in the asker's language comes first, even when the other
// would win on the words alone (it is shorter).
func TestAskersLanguageWinsACloseCall(t *testing.T) {
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/wifi.md":    faq.EntryFile("fr", "Quel est le mot de passe du wifi de la salle ?", "Le code du réseau sans fil de l'accueil ?", "", "Il est affiché à l'accueil."),
		"en/printer.md": faq.EntryFile("en", "Printer password?", "Printer password", "", "Ask at the desk."),
		"fr/don.md":     faq.EntryFile("fr", "Comment faire un don ?", "Comment soutenir l'association ?", "", "Sur la page soutenir."),
		"en/contact.md": faq.EntryFile("en", "How do I contact the team?", "What is the support address?", "", "Write to support."),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{})
	for _, c := range []struct{ text, lang, want string }{
		{"mot de passe ?", "fr", "wifi"},
		{"password?", "en", "printer"},
	} {
		a := m.Analyze(c.text, c.lang)
		if len(a.Candidates) < 2 || a.Candidates[0].Entry.ID != c.want {
			var got []string
			for _, x := range a.Candidates {
				got = append(got, x.Entry.ID)
			}
			t.Errorf("%q (%s): ranked %v, want %s first", c.text, c.lang, got, c.want)
		}
	}
}
