package faq

import "testing/fstest"

// testKB is a tiny bilingual knowledge base for the package's own tests.
func testKB() fstest.MapFS {
	entry := EntryFile
	return fstest.MapFS{
		"fr/nuage-mot-de-passe.md": entry("fr", "J'ai oublié mon mot de passe du Nuage", "Comment réinitialiser mon mot de passe Nextcloud ?", "nuage, mot de passe", "Cliquez sur « Mot de passe oublié ? »."),
		"en/nuage-password.md":     entry("en", "I forgot my Nuage password", "How do I reset my Nextcloud password?", "nuage, password", "Click « Forgot password? »."),
		"fr/formation-tarifs.md":   entry("fr", "Combien coûtent les formations ?", "Quel est le prix d'une formation ?", "formation, tarif", "20 € pour les membres, 30 € sinon."),
		"fr/adhesion.md":           entry("fr", "Comment adhérer ?", "Comment devenir membre de l'association ?", "adhésion", "Remplissez le formulaire en ligne."),
	}
}
