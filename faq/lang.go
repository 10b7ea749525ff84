package faq

import "strings"

// detectLang guesses whether text is French or English from its function
// words and accents. It returns hint when the text gives no clear signal.
func (l *lexicon) detectLang(text string, ws []string, hint string) string {
	fr, en := 0, 0
	for _, w := range ws {
		switch l.langOf[w] {
		case "fr":
			fr++
		case "en":
			en++
		}
	}
	if strings.ContainsAny(text, "éèêàâçùûîôëïÉÈÀÇ") {
		fr += 2
	}
	if fr == en {
		// no stop word tells ("forgot pw nextcloud"): the words of the
		// packs' concepts do
		for _, w := range ws {
			switch l.wordLang[w] {
			case "fr":
				fr++
			case "en":
				en++
			}
		}
	}
	switch {
	case fr > en+1 || (fr > en && hint != "en"):
		return "fr"
	case en > fr+1 || (en > fr && hint != "fr"):
		return "en"
	case hint == "fr" || hint == "en":
		return hint
	case en > fr:
		return "en"
	}
	return "fr"
}
