package bottest

import (
	"testing"
	"testing/fstest"

	"codeberg.org/entraide/entraide/faq"
)

// KB is a two-entry French FAQ: the price of the training ("Combien coûte
// la formation ?", 30 €) and a lost Nuage (Nextcloud) password.
func KB(t testing.TB) *faq.KB {
	t.Helper()
	kb, err := faq.LoadFS(fstest.MapFS{
		"fr/formation-tarifs.md": {Data: []byte("---\nlang: fr\ntitle: \"Combien coûte la formation ?\"\nquestions:\n  - \"Quel est le prix de la formation ?\"\n---\nLa formation coûte 30 €.\n")},
		"fr/nuage-mdp.md":        {Data: []byte("---\nlang: fr\ntitle: \"Mot de passe du Nuage perdu\"\nquestions:\n  - \"Réinitialiser le mot de passe Nextcloud\"\n---\nCliquez sur **Mot de passe oublié**.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return kb
}
