package faq

import (
	"slices"
	"testing"
)

// Ligatures fold to both their letters, so that "cœur" and "coeur" (or
// "Cæsar" and "Caesar") are one word and "cœur" never meets "cour".
func TestLigaturesFoldToTwoLetters(t *testing.T) {
	for in, want := range map[string]string{"cœur": "coeur", "Œuvre": "oeuvre", "ex æquo": "ex aequo", "Straße": "strasse"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	heart, court := Terms("cœur"), Terms("cour")
	if !slices.Equal(heart, Terms("coeur")) {
		t.Errorf("cœur %v and coeur %v are different terms", heart, Terms("coeur"))
	}
	if slices.Equal(heart, court) {
		t.Errorf("cœur and cour are the same term %v", heart)
	}
}
