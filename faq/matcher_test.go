package faq_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"codeberg.org/entraide/entraide/example"
	"codeberg.org/entraide/entraide/faq"
)

func exampleMatcher(t testing.TB, opts faq.Options) (*faq.LexicalMatcher, *faq.KB) {
	t.Helper()
	kb, err := faq.LoadFS(example.FAQ())
	if err != nil {
		t.Fatal(err)
	}
	return faq.NewMatcher(kb, opts), kb
}

func TestSmallTalkIsNeverAnswered(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	cases := map[string]string{
		"bonjour":                       "greeting",
		"Bonjour tout le monde !":       "greeting",
		"salut":                         "greeting",
		"good morning":                  "greeting",
		"merci !":                       "thanks",
		"thanks a lot!":                 "thanks",
		"merci beaucoup, bonne journée": "thanks",
		"quelqu'un est là ?":            "presence",
		"test":                          "presence",
		"ok":                            "other",
		"lol":                           "other",
		"bon week-end":                  "farewell",
		"bonne soirée, à la prochaine":  "farewell",
		"bonjour, il y a quelqu'un ?":   "greeting",
	}
	for text, want := range cases {
		res := m.Match(text, "")
		if res.Chitchat != want || res.Decision != faq.Abstain || res.Entry != nil {
			t.Errorf("%q: chitchat %q decision %v entry %v, want %q and no entry", text, res.Chitchat, res.Decision, res.Entry, want)
		}
	}
	for _, text := range []string{"bonjour, mdp nuage perdu", "merci, et combien coûte la formation ?"} {
		if res := m.Match(text, ""); res.Chitchat != "" {
			t.Errorf("%q is a question, not small talk (%q)", text, res.Chitchat)
		}
	}
}

func TestAnswersChatStyle(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	cases := []struct{ text, lang, want string }{
		{"combien coûte la formation ?", "", "formation-tarifs"},
		{"mdp nuage perdu", "", "nuage-mot-de-passe"},                     // abbreviation
		{"j'arive plus a me conecter au nuage", "", "nuage-mot-de-passe"}, // typos, no accents
		{"prix formaton ?", "", "formation-tarifs"},                       // typo
		{"how much is the training?", "", "training-price"},               // English twin preferred
		{"I forgot my Nextcloud password", "en", "nextcloud-password"},
		{"how do I sign up on mastodon", "", "mastodon-signup"},
	}
	for _, c := range cases {
		res := m.Match(c.text, c.lang)
		if res.Entry == nil || res.Entry.ID != c.want || res.Decision == faq.Abstain {
			got := "nothing"
			if res.Entry != nil {
				got = res.Entry.ID
			}
			t.Errorf("%q: got %s (%v, %.2f), want %s", c.text, got, res.Decision, res.Score, c.want)
		}
	}
}

// The asker's language picks between translations; a topic that exists in
// one language only still answers the other.
func TestLanguagePreference(t *testing.T) {
	entry := func(lang, title, q, body string) *fstest.MapFile {
		return faq.EntryFile(lang, title, q, "", body)
	}
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/mdp.md":     entry("fr", "J'ai oublié mon mot de passe", "Comment réinitialiser mon mot de passe ?", "Cliquez sur mot de passe oublié."),
		"en/pwd.md":     entry("en", "I forgot my password", "How do I reset my password?", "Click forgot password."),
		"fr/salle.md":   entry("fr", "Où a lieu la formation ?", "Quelle est l'adresse de la formation ?", "Salle Hypatie, 12 rue des Tisserands."),
		"fr/quota.md":   entry("fr", "Quel espace de stockage ?", "Quel est mon quota de stockage ?", "10 Go par compte."),
		"en/signup.md":  entry("en", "How do I create an account?", "How do I sign up?", "Fill in the form."),
		"fr/don.md":     entry("fr", "Comment faire un don ?", "Comment soutenir l'association ?", "Sur la page soutenir."),
		"fr/charte.md":  entry("fr", "Quelles sont les règles ?", "Où lire la charte ?", "La charte est en ligne."),
		"en/contact.md": entry("en", "How do I contact the team?", "What is the support address?", "Write to support."),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{})
	cases := []struct{ text, lang, want, wantLang string }{
		{"j'ai oublié mon mot de passe", "", "mdp", "fr"},
		{"I forgot my password", "", "pwd", "en"},
		{"mot de passe oublié", "en", "mdp", "fr"}, // the text's language wins over a wrong hint
		{"where is the training?", "", "salle", "en"},
		{"comment créer un compte ?", "", "signup", "fr"},
	}
	for _, c := range cases {
		a := m.Analyze(c.text, c.lang)
		if len(a.Candidates) == 0 || a.Candidates[0].Entry.ID != c.want || a.Lang != c.wantLang {
			got := "nothing"
			if len(a.Candidates) > 0 {
				got = a.Candidates[0].Entry.ID
			}
			t.Errorf("%q: ranked %s first (lang %s), want %s (%s)", c.text, got, a.Lang, c.want, c.wantLang)
		}
		for _, cand := range a.Candidates[1:] {
			if cand.Entry.ID == "mdp" || cand.Entry.ID == "pwd" {
				if a.Candidates[0].Entry.ID == "mdp" || a.Candidates[0].Entry.ID == "pwd" {
					t.Errorf("%q: both translations listed, they should compete as one topic", c.text)
				}
			}
		}
	}
}

func TestDidYouMean(t *testing.T) {
	// answer nothing, suggest everything: the suggestion list itself is tested
	m, _ := exampleMatcher(t, faq.Options{Threshold: 0.9999, Suggest: 0.0001})
	res := m.Match("formation", "fr")
	if res.Decision != faq.Suggest || len(res.Suggestions) < 2 || len(res.Suggestions) > 3 {
		t.Fatalf("want 2-3 suggestions, got %v %d", res.Decision, len(res.Suggestions))
	}
	seen := map[string]bool{}
	for _, s := range res.Suggestions {
		if seen[s.ID] || !strings.HasPrefix(s.ID, "formation") {
			t.Errorf("unexpected or repeated suggestion %s", s.ID)
		}
		seen[s.ID] = true
	}
}

func TestAbstainsOnUnrelatedQuestions(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	for _, text := range []string{
		"Quelle est la recette de la tarte tatin ?",
		"vous avez une instance Jitsi ?",
		"What is the capital of Peru?",
		"",
		"???",
		"comment supprimer mon compte instagram",
	} {
		if res := m.Match(text, ""); res.Decision == faq.Answer {
			t.Errorf("%q answered with %s (%.2f)", text, res.Entry.ID, res.Score)
		}
	}
}

func TestDraftsAreNotServed(t *testing.T) {
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/a.md": {Data: []byte("---\nlang: fr\ntitle: Comment adhérer ?\nquestions: [\"Comment devenir membre ?\"]\ndraft: true\n---\nFormulaire.\n")},
		"fr/b.md": {Data: []byte("---\nlang: fr\ntitle: Comment faire un don ?\nquestions: [\"Comment soutenir ?\"]\n---\nPage soutenir.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{})
	if res := m.Match("comment adhérer et devenir membre ?", "fr"); res.Entry != nil && res.Entry.ID == "a" {
		t.Fatal("a draft was matched")
	}
}

func TestCalibrationRoundTrip(t *testing.T) {
	m, kb := exampleMatcher(t, faq.Options{})
	qs := []faq.Query{
		{Text: "combien coûte la formation", Expect: "formation-tarifs"},
		{Text: "mdp nuage oublié", Expect: "nuage-mot-de-passe"},
		{Text: "comment faire un don", Expect: "don"},
		{Text: "quelle est la météo demain", Expect: ""},
		{Text: "recette des crêpes", Expect: ""},
	}
	cal := faq.Fit(m, qs, faq.DefaultTargets)
	if len(cal.Weights) != len(faq.FeatureNames) || cal.Suggest > cal.Threshold {
		t.Fatalf("bad calibration %+v", cal)
	}
	path := t.TempDir() + "/cal.json"
	if err := cal.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := faq.LoadCalibration(path)
	if err != nil {
		t.Fatal(err)
	}
	m2 := faq.NewMatcher(kb, faq.Options{Calibration: back})
	if res := m2.Match("combien coûte la formation", ""); res.Entry == nil || res.Entry.ID != "formation-tarifs" {
		t.Fatalf("calibrated matcher lost the obvious answer: %+v", res)
	}
	if _, err := faq.LoadCalibration(t.TempDir() + "/missing.json"); err == nil {
		t.Fatal("missing file accepted")
	}
}

// A question naming a product no entry mentions is never answered; when it
// otherwise asks about one of the FAQ's topics it is offered as "did you
// mean", but asking whether such a product is offered goes to humans.
func TestForeignNames(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	res := m.Match("je voudrais quitter Twitter et m'inscrire sur votre mastodon, comment on fait ?", "")
	found := false
	for _, e := range res.Suggestions {
		found = found || e.ID == "mastodon-inscription"
	}
	if res.Decision != faq.Suggest || !found {
		t.Errorf("leaving Twitter for the Mastodon: got %v %v, want mastodon-inscription suggested", res.Decision, res.Suggestions)
	}
	for _, text := range []string{"vous avez une instance Jitsi ?", "Y a-t-il un serveur Jitsi ?", "est-ce que vous hébergez un Mobilizon ?"} {
		if res := m.Match(text, ""); res.Decision != faq.Abstain {
			t.Errorf("%q: got %v (%.2f), want no answer and no suggestion", text, res.Decision, res.Score)
		}
	}
}

// A close call between two entries offers the runner-up beside the answer;
// a clear answer offers nothing more.
func TestSeeAlsoOnlyOnCloseCalls(t *testing.T) {
	entry := func(id, title, q, body string) (string, *fstest.MapFile) {
		return "fr/" + id + ".md", faq.EntryFile("fr", title, q, "", body)
	}
	fs := fstest.MapFS{}
	for _, e := range [][4]string{
		{"mentor", "Comment devenir mentor ?", "Quelles sont les conditions pour être mentor ?", "Remplissez le formulaire des mentors."},
		{"accompagne", "Comment être accompagné par un mentor ?", "Mon association peut-elle avoir un mentor ?", "Remplissez le formulaire des associations."},
		{"quota", "Quel est l'espace de stockage du nuage ?", "Combien de place sur le nuage ?", "50 Go par compte."},
	} {
		p, f := entry(e[0], e[1], e[2], e[3])
		fs[p] = f
	}
	kb, err := faq.LoadFS(fs)
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{Threshold: 0.01, Suggest: 0.005})
	close := m.Match("mentor ?", "fr")
	if close.Decision != faq.Answer || len(close.SeeAlso) != 1 || close.SeeAlso[0].ID == close.Entry.ID {
		t.Fatalf("two entries equally about mentors: want an answer and the other as see-also, got %v %v %v", close.Decision, close.Entry, close.SeeAlso)
	}
	clear := m.Match("espace de stockage du nuage", "fr")
	if clear.Decision != faq.Answer || clear.Entry.ID != "quota" || len(clear.SeeAlso) != 0 {
		t.Fatalf("a clear answer offers nothing more, got %v %v %v", clear.Decision, clear.Entry, clear.SeeAlso)
	}
}

// Farewells and "it's solved" are small talk; a negated "ça marche" is a
// problem report.
func TestFarewellsAndSolvedAreSmallTalk(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	for _, s := range []string{"bonne soirée à vous, à la prochaine", "top merci, c'est réglé", "ça marche, merci !", "never mind, i found it", "it works now, thanks", "sorry, wrong chat!", "oups, mauvais salon", "cheers, that helped"} {
		if r := m.Match(s, ""); r.Chitchat == "" || r.Decision == faq.Answer {
			t.Errorf("%q: want small talk, got %v %v", s, r.Decision, r.Entry)
		}
	}
	for _, s := range []string{"ça marche pas", "le nuage ça marche plus"} {
		if r := m.Match(s, ""); r.Chitchat != "" {
			t.Errorf("%q is a problem report, not small talk", s)
		}
	}
}

// "Did you mean" needs a lead: a word of the question in the best entry's
// title, questions or tags. Entries that only mention it in their answers
// are not offered.
func TestNoSuggestionWithoutALead(t *testing.T) {
	entry := func(title, q, body string) *fstest.MapFile {
		return faq.EntryFile("fr", title, q, "", body)
	}
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/contact.md":  entry("Comment contacter l'équipe ?", "Comment vous joindre ?", "Par courriel ; pour le wifi du local, voyez l'accueil."),
		"fr/horaires.md": entry("À quelle heure ouvre le local ?", "Quels sont les horaires ?", "De 9 h à 17 h ; le wifi est ouvert à tous."),
		"fr/quota.md":    entry("Quel est l'espace de stockage ?", "Combien de place ?", "10 Go."),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{Threshold: 0.99, Suggest: 0.001})
	if r := m.Match("le wifi marche pas", "fr"); r.Decision != faq.Abstain {
		t.Fatalf("wifi is only mentioned in answers: want abstain, got %v %v", r.Decision, r.Suggestions)
	}
	if r := m.Match("horaires pour joindre l'équipe", "fr"); r.Decision != faq.Suggest {
		t.Fatalf("a title word is a lead: want suggestions, got %v", r.Decision)
	}
}

// A message of function words only ("et vous ?") is vague: nothing to look
// up, not small talk either.
func TestVagueMessages(t *testing.T) {
	m, _ := exampleMatcher(t, faq.Options{})
	for _, s := range []string{"et vous ?", "c'est pour quoi ?", "??", "je veux savoir"} {
		if r := m.Match(s, ""); !r.Vague || r.Chitchat != "" || r.Decision != faq.Abstain {
			t.Errorf("%q: want vague, got %+v", s, r)
		}
	}
	for _, s := range []string{"mdp ?", "bonjour", "je veux savoir tout ce que vous avez sur moi"} {
		if r := m.Match(s, ""); r.Vague {
			t.Errorf("%q is not vague", s)
		}
	}
}
