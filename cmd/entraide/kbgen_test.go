package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/internal/testkit"
)

// Synthetic knowledge bases for the benchmarks: entries built from a
// vocabulary of services, objects and actions so that questions overlap
// the way real FAQ entries do.
var (
	genServices = []string{"nuage", "mastodon", "peertube", "agenda", "messagerie", "visio", "forum", "wiki", "sondage", "pad",
		"stockage", "partage", "calendrier", "contacts", "annuaire", "formulaire", "galerie", "blog", "newsletter", "tableur"}
	genObjects = []string{"mot de passe", "compte", "fichier", "dossier", "photo", "vidéo", "quota", "adresse", "profil", "groupe",
		"invitation", "notification", "sauvegarde", "abonnement", "lien", "pièce jointe", "signature", "langue", "thème", "avatar"}
	genActions = []string{"créer", "supprimer", "modifier", "récupérer", "partager", "exporter", "importer", "réinitialiser",
		"bloquer", "signaler", "renommer", "déplacer", "télécharger", "synchroniser", "restaurer"}
)

type genEntry struct{ id, lang, title, question, body string }

func genKB(n int, seed uint64) []genEntry {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]genEntry, n)
	for i := range out {
		s := genServices[r.IntN(len(genServices))]
		o := genObjects[r.IntN(len(genObjects))]
		a := genActions[r.IntN(len(genActions))]
		out[i] = genEntry{
			id:       fmt.Sprintf("%s-%d", s, i),
			lang:     "fr",
			title:    fmt.Sprintf("Comment %s un %s sur %s (%d) ?", a, o, s, i),
			question: fmt.Sprintf("je n'arrive pas à %s mon %s %s numéro %d", a, o, s, i),
			body:     fmt.Sprintf("Pour %s votre %s sur %s, ouvrez les paramètres puis la rubrique %d.", a, o, s, i),
		}
	}
	return out
}

// writeKB writes entries as FAQ files spread over sub-folders of dir.
func writeKB(tb testing.TB, dir string, es []genEntry) {
	tb.Helper()
	for i, e := range es {
		testkit.WriteFile(tb, filepath.Join(dir, e.lang, fmt.Sprintf("part%02d", i%50), e.id+".md"),
			fmt.Sprintf("---\nlang: %s\ntitle: %q\nquestions:\n  - %q\ntags: [%s]\n---\n%s\n",
				e.lang, e.title, e.question, strings.Split(e.id, "-")[0], e.body))
	}
}
