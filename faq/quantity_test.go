package faq_test

import (
	"testing"
	"testing/fstest"

	"codeberg.org/entraide/entraide/faq"
)

// A "how many" or "do you have X" question is answered only by an entry
// that states such a number or names X; otherwise the entry is at most
// offered, however close its other words are.
func TestAnswerMustFitTheQuestion(t *testing.T) {
	entry := func(lang, title, q, body string) *fstest.MapFile {
		return faq.EntryFile(lang, title, q, "", body)
	}
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/pad.md":      entry("fr", "Comment créer un document partagé ?", "Comment écrire un document à plusieurs ?", "Ouvrez l'éditeur, donnez un nom au document et partagez son adresse avec les personnes invitées."),
		"fr/quota.md":    entry("fr", "Quel espace de stockage pour mon compte ?", "Combien de place sur mon compte de stockage ?", "Chaque compte a 10 Go de stockage."),
		"fr/alias.md":    entry("fr", "Comment obtenir des alias de courriel ?", "Fournissez-vous des alias de courriel ?", "Une association peut demander jusqu'à 10 alias de courriel."),
		"fr/chaine.md":   entry("fr", "Comment ouvrir une chaîne vidéo ?", "Comment publier des vidéos ?", "Demandez l'ouverture par le formulaire ; la chaîne est créée sous une semaine."),
		"en/video.md":    entry("en", "How do I upload a video?", "How do I publish a video on the video platform?", "Use the upload button of the video platform; files up to 2 GB are accepted."),
		"fr/adhesion.md": entry("fr", "Comment adhérer ?", "Comment devenir membre de l'association ?", "Remplissez le formulaire d'adhésion en ligne."),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{Threshold: 0.05, Suggest: 0.01})
	cases := []struct {
		text, best string
		answered   bool
	}{
		{"Combien de personnes peuvent écrire sur un document partagé ?", "pad", false}, // no count of people
		{"combien d'alias de courriel max ?", "alias", true},                            // "10 alias"
		{"combien de temps pour ouvrir une chaîne vidéo ?", "chaine", true},             // "sous une semaine"
		{"combien de temps est gardé un document partagé ?", "pad", false},              // no duration at all
		{"how many GB can a video upload be?", "video", true},                           // "2 GB"
		{"vous fournissez des alias de courriel ?", "alias", true},                      // the entry names them
		{"vous fournissez des boîtes de courriel ?", "alias", false},                    // it does not
		{"vous fournissez aussi des boîtes de courriel ?", "alias", false},              // "aussi" before the object
		{"is there a way to upload a video?", "video", true},                            // a way to do something, not a thing
		{"Do you host a chat platform for videos?", "video", false},
		{"il y a un formulaire d'adhésion", "adhesion", true}, // a statement, not a question
		// "can we do X with Y": Y must be in the entry
		{"on peut partager un document avec des invités ?", "pad", true},
		{"on peut partager un agenda avec des invités ?", "pad", false},
		{"peut-on installer nos propres extensions sur l'éditeur ?", "pad", false},
		{"can we upload our own video?", "video", true},
		{"on peut programmer un document partagé pour demain ?", "pad", false}, // the entry says nothing of scheduling
		{"can i schedule videos?", "video", false},
		{"on peut pas écrire dans le document partagé ?", "pad", true}, // a problem, not a capability
	}
	for _, c := range cases {
		res := m.Match(c.text, "")
		if res.Entry == nil || res.Entry.ID != c.best {
			t.Errorf("%q: best entry %v, want %s", c.text, res.Entry, c.best)
			continue
		}
		if got := res.Decision == faq.Answer; got != c.answered {
			t.Errorf("%q: answered %v (%v, %.2f), want %v", c.text, got, res.Decision, res.Score, c.answered)
		}
		if veto := m.Analyze(c.text, "").Veto(); (veto == "") != c.answered {
			t.Errorf("%q: veto %q, answered %v", c.text, veto, c.answered)
		}
	}
}
