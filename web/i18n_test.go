package web

import "testing"

func TestCataloguesMatch(t *testing.T) {
	for key := range messages["fr"] {
		if _, ok := messages["en"][key]; !ok {
			t.Errorf("%s: no English text", key)
		}
	}
	for key := range messages["en"] {
		if _, ok := messages["fr"][key]; !ok {
			t.Errorf("%s: no French text", key)
		}
	}
}

func TestAcceptLanguage(t *testing.T) {
	for h, want := range map[string]string{
		"":                          "",
		"de":                        "",
		"en-GB,en;q=0.9":            "en",
		"fr-CA;q=0.4, en;q=0.6":     "en",
		"de-DE, fr;q=0.8, en;q=0.5": "fr",
		"EN":                        "en",
		"fr;q=abc":                  "fr",
	} {
		if got := acceptLang(h); got != want {
			t.Errorf("acceptLang(%q) = %q, want %q", h, got, want)
		}
	}
}
