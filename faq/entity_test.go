package faq

import (
	"testing"
	"testing/fstest"
)

// A question naming a service that some entries are about must go to an
// entry about it, even in the other language, rather than to an answer in
// the asker's language that mentions the service only in passing.
func TestNamedServiceOutranksAPassingMention(t *testing.T) {
	entry := func(lang, title, q, tags, body string) *fstest.MapFile {
		return EntryFile(lang, title, q, tags, body)
	}
	fsys := fstest.MapFS{
		"en/cloud-password.md":         entry("en", "I forgot my cloud password", "How do I reset my cloud password?", "cloud, password", "Click « Forgot password? » on the login page. This password is only for the cloud, not for Mobilizon."),
		"en/mobilizon-event.md":        entry("en", "How do I create an event on Mobilizon?", "Can I publish our meetings on Mobilizon?", "mobilizon, event", "Log in and click « Create an event »."),
		"fr/mobilizon-mot-de-passe.md": entry("fr", "J'ai oublié mon mot de passe Mobilizon", "Comment réinitialiser mon mot de passe Mobilizon ?", "mobilizon, mot de passe", "Cliquez sur « Mot de passe oublié ? » sur la page de connexion de Mobilizon."),
		"fr/nuage-mot-de-passe.md":     entry("fr", "J'ai oublié mon mot de passe du cloud", "Comment réinitialiser mon mot de passe du cloud ?", "cloud, mot de passe", "Cliquez sur « Mot de passe oublié ? » sur la page de connexion."),
		"fr/adhesion.md":               entry("fr", "Comment adhérer ?", "Comment devenir membre de l'association ?", "adhésion", "Remplissez le formulaire en ligne."),
	}
	kb, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	for q, want := range map[string]string{
		"Forgot my Mobilizon password, how do I reset it?": "mobilizon-mot-de-passe",
		"Forgot my cloud password, how do I reset it?":     "cloud-password",
		"How do I create an event on Mobilizon?":           "mobilizon-event",
	} {
		a := m.Analyze(q, "en")
		if len(a.Candidates) == 0 || a.Candidates[0].Entry.ID != want {
			got := "nothing"
			if len(a.Candidates) > 0 {
				got = a.Candidates[0].Entry.ID
			}
			t.Errorf("%q ranked %s first, want %s", q, got, want)
		}
	}
}
