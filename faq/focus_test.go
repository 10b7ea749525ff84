package faq

import (
	"testing"
	"testing/fstest"
)

// A product named for comparison ("un truc type Google Docs") says what
// kind of tool is wanted: the question is not about leaving that product.
func TestComparedProductIsContext(t *testing.T) {
	entry := func(title, q, tags, body string) *fstest.MapFile {
		return EntryFile("fr", title, q, tags, body)
	}
	kb, err := LoadFS(fstest.MapFS{
		"pads.md":   entry("Comment créer un pad ?", "Faut-il un compte pour les pads ?", "pads, collaboratif", "Un pad est un texte que l'on écrit à plusieurs."),
		"google.md": entry("Comment quitter Google Docs ?", "Comment récupérer mes documents Google Docs ?", "google docs, migration", "Exportez vos documents depuis Google Docs puis importez-les."),
		"other.md":  entry("Comment nous contacter ?", "Quelle est l'adresse de l'équipe ?", "contact", "Écrivez-nous, ou laissez un mot sur un pad."),
	})
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	for _, text := range []string{
		"vous avez un truc type Google Docs pour écrire à plusieurs ?",
		"une alternative libre à Google Docs pour écrire à plusieurs ?",
	} {
		a := m.Analyze(text, "fr")
		if len(a.Candidates) == 0 || a.Candidates[0].Entry.ID != "pads" {
			t.Errorf("%q: ranked %v, want pads first", text, a.Candidates)
		}
	}
	// the comparison only discounts products: "comme prérequis" keeps its word
	if c := lex.comparedTo(lex.analyzeWords(lex.expandWords("il faut quoi comme prérequis ?"))); len(c) != 0 {
		t.Errorf("comparedTo marked %v in a question without a product", c)
	}
}
