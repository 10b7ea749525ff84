package bot

import "testing"

func TestAskedAboutPureAndEnglish(t *testing.T) {
	for q, want := range map[string][2]bool{ // pure, English
		"c'est quand la prochaine formation ?":           {true, false},
		"next training?":                                 {true, true},
		"any new services?":                              {true, true},
		"quels sont les nouveaux services ?":             {true, false},
		"comment s'inscrire à la prochaine formation ?":  {false, false},
		"when is the next training and how much is it ?": {false, false},
	} {
		topic, pure, en := askedAbout(q)
		if topic == "" || pure != want[0] || en != want[1] {
			t.Errorf("%q → %q pure %v english %v, want %v", q, topic, pure, en, want)
		}
	}
}
