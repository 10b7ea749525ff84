package bot

import "testing"

// A problem stated without a question mark in a shared room is a request
// for help; conversation with a negation is not.
func TestStatedProblemIsARequest(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"j'ai oublié mon mot de passe", true},
		{"mon téléphone ne se connecte plus", true},
		{"l'appli ne s'ouvre pas depuis hier", true},
		{"le site n'affiche plus rien", true},
		{"my laptop won't start", true},
		{"the sync isn't working since yesterday", true},
		{"je ne suis pas d'accord", false},
		{"je ne sais pas", false},
		{"il reste plus de place demain soir", false},
		{"on ne se voit plus demain, tant pis", true}, // read as a problem: the FAQ matcher decides next
		{"merci pas de souci", false},
		{"I don't think so", false},
		{"on se voit demain", false},
	} {
		if got := looksLikeRequest(c.text); got != c.want {
			t.Errorf("looksLikeRequest(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
