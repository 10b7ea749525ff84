package bot

import (
	"fmt"
	"strings"
)

// Languages the bot speaks; the first is the fallback.
var Languages = []string{"fr", "en"}

// T returns the sentence key in lang, falling back to French, then to the key
// itself so a missing translation is visible rather than silent.
func T(lang, key string, args ...any) string {
	s, ok := catalogue[normLang(lang)][key]
	if !ok {
		s, ok = catalogue["fr"][key]
	}
	if !ok {
		s = key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// HasMessage reports whether key exists in lang itself (used by tests that
// check the catalogue is complete).
func HasMessage(lang, key string) bool {
	_, ok := catalogue[lang][key]
	return ok
}

// MessageKeys lists the keys of one language.
func MessageKeys(lang string) []string {
	var keys []string
	for k := range catalogue[lang] {
		keys = append(keys, k)
	}
	return keys
}

func normLang(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i]
	}
	for _, l := range Languages {
		if l == lang {
			return l
		}
	}
	return Languages[0]
}

// NormLang maps a language tag ("fr-FR", "EN") to a language the bot
// speaks, French when it speaks no such language.
func NormLang(lang string) string { return normLang(lang) }
