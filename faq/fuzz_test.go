package faq

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// go test -fuzz=FuzzParseEntry ./faq; the seeds run as a normal test.
func FuzzParseEntry(f *testing.F) {
	for _, s := range []string{
		goodEntry,
		"---\nlang: fr\ntitle: [pas fermé\n---\nx\n",
		"---\n---\n",
		"---\nlang: fr\n",
		"\xef\xbb\xbf---\r\nlang: en\r\ntitle: T\r\nquestions: [a]\r\n---\r\nbody\r\n",
		"---\n- a\n- b\n---\nbody\n",
		"---\nlang: fr\nlang: en\ntitle: T\nquestions: {a: b}\ntags: [[x]]\ndraft: 3\n---\nb",
		"---\n&a [*a]\n---\n",
		"---\nquestions: [\"\"]\n---\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		e, probs := ParseEntry("x.md", "x", []byte(data))
		if e == nil && len(probs) == 0 {
			t.Fatal("no entry and no problem")
		}
		if e != nil {
			if len(probs) > 0 {
				t.Fatal("entry returned with problems")
			}
			if e.Title == "" || len(e.Questions) == 0 || strings.TrimSpace(e.Body) == "" || (e.Lang != "fr" && e.Lang != "en") {
				t.Fatalf("invalid entry accepted: %+v", e)
			}
		}
		for _, p := range probs {
			if p.Line < 1 || p.File != "x.md" {
				t.Fatalf("problem without file:line: %+v", p)
			}
		}
	})
}

// go test -fuzz=FuzzAnalyze ./faq
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"mdp nuage perdu", "cmt jfais pr m'inscrire a la formation", "J’AI OUBLIÉ MON MOT DE PASSE !!!",
		"l'adhésion coûte combien ?", "qu'", "'''", "a'b'c'd", "œuf ß æ € 2fa", "\xff\xfe", "ǅ̀́̂", "thx u r gr8",
		"mot de", "quelqu'un est là ?", strings.Repeat("é", 300),
	} {
		f.Add(s)
	}
	kb, err := LoadFS(testKB())
	if err != nil {
		f.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	f.Fuzz(func(t *testing.T, text string) {
		folded := Fold(text)
		if utf8.ValidString(text) && Fold(folded) != folded {
			t.Fatalf("Fold is not idempotent on %q", text)
		}
		for _, tok := range Analyze(text) {
			if tok.Word == "" {
				t.Fatalf("empty word in %q", text)
			}
		}
		res := m.Match(text, "")
		if res.Score < 0 || res.Score > 1 || (res.Decision != Abstain && res.Entry == nil) {
			t.Fatalf("bad result for %q: %+v", text, res)
		}
		if res.Chitchat != "" && res.Decision != Abstain {
			t.Fatalf("small talk answered: %q", text)
		}
	})
}
