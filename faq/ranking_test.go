package faq_test

import (
	"testing"
	"testing/fstest"

	"codeberg.org/entraide/entraide/faq"
)

// General ranking rules: a product or protocol named in the question goes
// to the entry about it rather than one mentioning it in passing; "fermer
// mon compte" is about the account; months and seasons ask for dates;
// "vous êtes qui" asks who the organisation is; opening an account is
// creating it.
func TestRankingRules(t *testing.T) {
	entry := func(lang, title, q, tags, body string) *fstest.MapFile {
		return faq.EntryFile(lang, title, q, tags, body)
	}
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/matrix.md":      entry("fr", "Comment rejoindre le salon de discussion sur Matrix ?", "Quelle est l'adresse du salon ?", "chat, matrix", "Rejoignez le salon depuis une application Matrix sur votre téléphone. Le salon est relié à XMPP."),
		"fr/xmpp.md":        entry("fr", "Comment rejoindre le salon avec XMPP ?", "Quelle est l'adresse du salon XMPP ?", "xmpp", "Utilisez un client XMPP et rejoignez le salon."),
		"fr/corbeille.md":   entry("fr", "Comment récupérer un fichier supprimé sur le nuage ?", "J'ai effacé un fichier du nuage", "nuage, corbeille", "Ouvrez la corbeille du nuage."),
		"fr/compte.md":      entry("fr", "Comment supprimer mon compte ?", "Comment fermer mon compte ?", "compte", "Faites la demande en ligne ; tout est effacé sous 30 jours."),
		"fr/dates.md":       entry("fr", "Quand ont lieu les prochaines formations ?", "Quelles sont les dates des formations ?", "formation, agenda", "Une session chaque mois, sauf en juillet et août."),
		"fr/horaires.md":    entry("fr", "Où et à quelle heure ont lieu les formations ?", "À quelle heure commence la formation ?", "formation, lieu", "De 9 h à 17 h, au local."),
		"fr/qui.md":         entry("fr", "Qui sommes-nous ?", "Qui est derrière l'association ?", "association, présentation", "Une association loi 1901 fondée en 2016."),
		"fr/alias.md":       entry("fr", "Comment obtenir une adresse de redirection pour mon association ?", "Vous faites des alias pour les associations ?", "alias, association", "Une association membre peut demander des alias."),
		"fr/inscription.md": entry("fr", "Comment réserver sa place ?", "Où s'inscrire ?", "inscription", "Inscrivez-vous en ligne sur la page de la formation."),
		"fr/quota.md":       entry("fr", "Quel est l'espace de stockage du nuage ?", "Le nuage est plein", "nuage, quota", "Chaque compte a 10 Go."),
		"fr/nuage.md":       entry("fr", "Comment créer un compte sur le nuage ?", "Comment avoir un espace sur le nuage ?", "nuage, compte", "Faites la demande avec votre numéro de membre."),
		"fr/social.md":      entry("fr", "Comment créer un compte sur le réseau social ?", "Les inscriptions sont-elles ouvertes ?", "réseau social, compte", "Les inscriptions sont ouvertes à tous ; le compte du nuage ne sert pas ici."),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{})
	for _, c := range []struct{ text, lang, want string }{
		{"I use Conversations on my phone, how do I join your chat with XMPP?", "en", "xmpp"},
		{"je veux fermer mon compte nuage et que tout soit effacé", "fr", "compte"},
		{"y a des formations cet été ?", "fr", "dates"},
		{"des formations en septembre ?", "fr", "dates"},
		{"vous êtes qui en fait ? une boîte ou une asso ?", "fr", "qui"},
		// the date says which session; the question is about booking it
		{"je voudrais réserver pour la prochaine formation, je fais comment ?", "fr", "inscription"},
		// a size in a question is about storage
		{"50GB c'est pas beaucoup pour un compte nuage", "fr", "quota"},
		// opening an account is creating it, not the "open" of open sign-ups
		{"où je demande l'ouverture d'un compte sur le nuage ?", "fr", "nuage"},
	} {
		a := m.Analyze(c.text, c.lang)
		if len(a.Candidates) == 0 || a.Candidates[0].Entry.ID != c.want {
			var got []string
			for _, x := range a.Candidates {
				got = append(got, x.Entry.ID)
			}
			t.Errorf("%q: ranked %v, want %s first", c.text, got, c.want)
		}
	}
}

// Who the asker is ("je suis étudiant") is context: the question is about
// what follows.
func TestSelfDescriptionIsContext(t *testing.T) {
	entry := func(title, q, body string) *fstest.MapFile {
		return faq.EntryFile("fr", title, q, "", body)
	}
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/adhesion.md":  entry("Combien coûte l'adhésion pour les étudiants et les chômeurs ?", "Y a-t-il un tarif étudiant ?", "15 €, 5 € pour les étudiants et les chômeurs."),
		"fr/formation.md": entry("Combien coûte une formation ?", "Quel est le prix ?", "20 € au tarif réduit, 30 € sinon."),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{})
	for _, q := range []string{"je suis étudiant, la formation me coûte combien ?", "I'm unemployed, what does a training cost?"} {
		if a := m.Analyze(q, ""); len(a.Candidates) == 0 || a.Candidates[0].Entry.ID != "formation" {
			t.Errorf("%q: want the training price first", q)
		}
	}
}

// In a message that sets the scene before asking, the question's own words
// decide.
func TestTheAskingSentenceDecides(t *testing.T) {
	entry := func(title, q, body string) *fstest.MapFile {
		return faq.EntryFile("fr", title, q, "", body)
	}
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/sondage.md":  entry("Comment créer un sondage ?", "Comment organiser un vote ?", "Ouvrez l'outil de sondage."),
		"fr/adhesion.md": entry("Comment adhérer ?", "Comment devenir membre ?", "Remplissez le formulaire."),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := faq.NewMatcher(kb, faq.Options{})
	q := "Bonjour, notre bureau a fait un sondage et tout le monde a voté pour. Comment on adhère ?"
	if a := m.Analyze(q, "fr"); len(a.Candidates) == 0 || a.Candidates[0].Entry.ID != "adhesion" {
		t.Fatalf("%q: want the membership entry first", q)
	}
}
