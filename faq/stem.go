package faq

// stem is a light French/English stemmer for folded words: it strips
// plural, feminine and the commonest verb and noun endings, then keeps at
// most stemMax letters so that word families share a stem ("inscription",
// "inscrire", "inscrits" → "inscri"). It favours recall; the concept lexicon
// handles the families it would confuse.
func stem(w string) string {
	w = stemLight(w)
	if len(w) > stemMax {
		w = w[:stemMax]
	}
	return w
}

// stemLight strips endings without shortening to stemMax.
func stemLight(w string) string {
	if len(w) <= 3 {
		return w
	}
	for _, suf := range stemSuffixes {
		if len(w)-len(suf) >= 3 && hasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	// a second pass for a remaining plural or feminine mark
	if len(w) > 4 {
		switch w[len(w)-1] {
		case 's', 'x', 'e':
			if w[len(w)-2] != 's' {
				w = w[:len(w)-1]
			}
		}
	}
	return w
}

const stemMax = 6

func hasSuffix(w, suf string) bool { return len(w) >= len(suf) && w[len(w)-len(suf):] == suf }

// stemSuffixes, longest first within a family, so the first match wins.
var stemSuffixes = []string{
	// French nouns and adverbs
	"issements", "issement", "ements", "ement", "ations", "ation", "itions", "ition",
	"trices", "trice", "teurs", "teur", "euses", "euse", "ments", "ment",
	"ites", "ite", "ables", "able", "ibles", "ible", "iques", "ique",
	"ismes", "isme", "istes", "iste",
	// French verbs
	"eraient", "eraient", "issions", "issiez", "issons", "issent", "issait", "issant",
	"erions", "eriez", "erons", "eront", "erais", "erait", "aient",
	"ions", "iez", "ons", "ent", "ees", "ais", "ait", "ant", "ees", "ee", "er", "ez", "ir", "es", "is", "it",
	// English
	"ingly", "ings", "ing", "edly", "ies", "ied", "ed", "ly", "s",
}
