package faq_test

import (
	"testing"

	"codeberg.org/entraide/entraide/faq"
)

// An answer needs a word of the question in the entry's title, questions
// or tags: "supprimer mon compte" is in no title of the example FAQ and
// only the storage entry's answer speaks of accounts, so it is offered at
// most, never answered, however high the confidence.
func TestAnswerNeedsTitleQuestionsOrTags(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	q := "comment supprimer mon compte"
	a := m.Analyze(q, "")
	if len(a.Candidates) == 0 || a.Features.Strong != 0 || a.Confidence < faq.DefaultCalibration.Threshold {
		t.Skipf("%q no longer a confident body-only match (strong %.2f, confidence %.2f): the case is gone", q, a.Features.Strong, a.Confidence)
	}
	if r := m.Match(q, ""); r.Decision == faq.Answer {
		t.Errorf("%q answered with %s on its body alone", q, r.Entry.ID)
	}
	if r := m.Match("nuage mot de passe perdu", ""); r.Decision != faq.Answer || r.Entry.ID != "nuage-mot-de-passe" {
		t.Errorf("title words no longer answer: %v %v", r.Decision, r.Entry)
	}
}

// Three entries scoring alike are a choice, not an answer: "c koi le
// nuage" names only the service that three entries are about.
func TestThreeWayTieIsOffered(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	r := m.Match("c koi le nuage", "")
	if r.Decision == faq.Answer {
		t.Fatalf("answered with %s (see also %v)", r.Entry.ID, entryIDs(r.SeeAlso))
	}
	if r.Decision != faq.Suggest || len(r.Suggestions) < 3 {
		t.Errorf("want the three Nuage entries offered, got %v %v", r.Decision, entryIDs(r.Suggestions))
	}
}

// A question without stop words takes its language from the packs'
// vocabulary: "forgot pw nextcloud" gets the English entry.
func TestLanguageFromVocabulary(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	r := m.Match("forgot pw nextcloud", "")
	if r.Lang != "en" || r.Entry == nil || r.Entry.Lang != "en" {
		t.Errorf("language %q, entry %v", r.Lang, entryIDs([]*faq.Entry{r.Entry}))
	}
	if r := m.Match("oublié mdp nextcloud", ""); r.Lang != "fr" || r.Entry == nil || r.Entry.Lang != "fr" {
		t.Errorf("French: language %q, entry %v", r.Lang, entryIDs([]*faq.Entry{r.Entry}))
	}
}

// Asking for help says nothing of the topic: "vous pouvez m'aider" must
// not lead "did you mean" to entries that speak of help.
func TestRequestForHelpIsNoLead(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	for _, q := range []string{"mon imprimante plante, vous pouvez m aider ?", "my printer crashed, can you help me?"} {
		if r := m.Match(q, ""); r.Decision != faq.Abstain {
			t.Errorf("%q: %v %v", q, r.Decision, entryIDs(append([]*faq.Entry{r.Entry}, r.Suggestions...)))
		}
	}
}

func entryIDs(es []*faq.Entry) []string {
	var out []string
	for _, e := range es {
		if e != nil {
			out = append(out, e.ID)
		}
	}
	return out
}
