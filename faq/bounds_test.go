package faq

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A single very long word must not make typo correction quadratic: at
// 10 000 letters it used to allocate 164 MB (and take a second), at
// 200 000 it did not finish.
func TestLongWordIsNotCorrected(t *testing.T) {
	kb, err := LoadFS(testKB())
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	for _, n := range []int{30, 10_000, 200_000} {
		word := strings.Repeat("motdepasse", n/10)
		got := allocated(func() { m.Match(word, "fr") })
		if limit := uint64(20*n + 4<<20); got > limit {
			t.Errorf("a %d-letter word allocated %d bytes, want at most %d", n, got, limit)
		}
	}
}

// Typo correction has a budget per message: after many misspelt words,
// the next one is left as it is, so a message of thousands of them costs
// no more than a normal question.
func TestTypoBudgetPerMessage(t *testing.T) {
	kb, err := LoadFS(testKB())
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	adhesion := m.Analyze("adhésion", "fr").Terms
	if len(adhesion) != 1 {
		t.Fatalf("adhésion analyses as %v", adhesion)
	}
	if terms := m.Analyze("adhezion", "fr").Terms; !slices.Contains(terms, adhesion[0]) {
		t.Fatalf("adhezion alone is not corrected: %v", terms)
	}
	var noise strings.Builder
	for i := range maxTypoCorrections {
		// unknown words of plausible length, each tried in turn
		noise.WriteString("qwzk" + string(rune('a'+i/26%26)) + string(rune('a'+i%26)) + "vb ")
	}
	if terms := m.Analyze(noise.String()+"adhezion", "fr").Terms; slices.Contains(terms, adhesion[0]) {
		t.Fatalf("adhezion corrected after %d other corrections: the budget is not kept", maxTypoCorrections)
	}
}

// Zero-width and bidirectional marks inside a question do not hide its
// words: "mot\u200bde passe" reads as "mot de passe", "ad\u00adhé\u200dsion"
// as "adhésion".
func TestInvisibleCharactersAreIgnored(t *testing.T) {
	kb, err := LoadFS(testKB())
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	for _, q := range []string{
		"j'ai oublié mon mot de passe",
		"combien coûte l'adhésion ?",
	} {
		want := m.Match(q, "fr")
		if want.Entry == nil {
			t.Fatalf("%q is not answered in the test FAQ", q)
		}
		for _, mark := range []string{"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202e", "\u2066"} {
			hidden := insertEveryThird(q, mark)
			got := m.Match(hidden, "fr")
			if got.Entry == nil || got.Entry.ID != want.Entry.ID {
				t.Errorf("%q with U+%04X inside words: got %v, want %s", q, []rune(mark)[0], got.Entry, want.Entry.ID)
			}
		}
	}
	if got := Fold("mo\u200bt\u00ad de\u200f pa\u2066sse"); got != "mot de passe" {
		t.Errorf("Fold kept invisible characters: %q", got)
	}
}

func insertEveryThird(s, mark string) string {
	var b strings.Builder
	for i, r := range []rune(s) {
		if i > 0 && i%3 == 0 {
			b.WriteString(mark)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// An answer made only of invisible characters is an empty answer.
func TestInvisibleAnswerIsEmpty(t *testing.T) {
	for _, body := range []string{"\u200b", "\u200b\u200d\u00ad\n\u2060", "\ufeff \u200e"} {
		_, probs := ParseEntry("x.md", "x", []byte("---\nlang: fr\ntitle: T\nquestions: [q]\n---\n"+body+"\n"))
		if len(probs) != 1 || !strings.Contains(probs[0].Msg, "empty answer") {
			t.Errorf("body %q: got %v, want one empty answer problem", body, probs)
		}
	}
	if IsBlank("a\u200b") || !IsBlank(" \u200b\u00ad\u2066\t") {
		t.Error("IsBlank is wrong")
	}
}
