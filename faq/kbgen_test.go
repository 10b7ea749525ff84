package faq

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// kbGen makes large synthetic knowledge bases for benchmarks: French-like
// words built from syllables and endings, drawn with a Zipf law so a few
// words are everywhere and most are rare, as in real FAQs.
type kbGen struct {
	rng   *rand.Rand
	vocab []string
	zipf  *rand.Zipf
}

var (
	genOnsets  = []string{"b", "c", "d", "f", "g", "j", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "pr", "tr", "gr", "bl", "fl", "cr", "qu"}
	genVowels  = []string{"a", "e", "i", "o", "u", "é", "ou", "ai", "au", "eu", "on", "an", "in"}
	genEndings = []string{"", "", "tion", "ment", "eur", "age", "ette", "ique", "er", "é", "ée", "ir", "ois", "elle", "iste", "ance"}
	genGlue    = []string{"le", "la", "les", "de", "des", "du", "un", "une", "mon", "ma", "pour", "sur", "avec", "et", "comment", "est-ce que", "je", "vous"}
)

func newKBGen(seed uint64, words int) *kbGen {
	g := &kbGen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	seen := map[string]bool{}
	for len(g.vocab) < words {
		var b strings.Builder
		for range 1 + g.rng.IntN(3) {
			b.WriteString(genOnsets[g.rng.IntN(len(genOnsets))])
			b.WriteString(genVowels[g.rng.IntN(len(genVowels))])
		}
		b.WriteString(genEndings[g.rng.IntN(len(genEndings))])
		if w := b.String(); len(w) >= 4 && !seen[w] {
			seen[w] = true
			g.vocab = append(g.vocab, w)
		}
	}
	g.zipf = rand.NewZipf(g.rng, 1.1, 2, uint64(len(g.vocab)-1))
	return g
}

func (g *kbGen) word() string { return g.vocab[g.zipf.Uint64()] }

func (g *kbGen) sentence(n int) string {
	parts := make([]string, 0, 2*n)
	for i := range n {
		if i%2 == 0 {
			parts = append(parts, genGlue[g.rng.IntN(len(genGlue))])
		}
		parts = append(parts, g.word())
	}
	return strings.Join(parts, " ")
}

// entry returns the Markdown file of entry i.
func (g *kbGen) entry(i int) string {
	lang := "fr"
	if i%5 == 4 {
		lang = "en"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\nlang: %s\ntitle: %q\nquestions:\n", lang, g.sentence(4+g.rng.IntN(4))+" ?")
	for range 1 + g.rng.IntN(3) {
		fmt.Fprintf(&b, "  - %q\n", g.sentence(4+g.rng.IntN(5))+" ?")
	}
	fmt.Fprintf(&b, "tags: [%s, %s, %s]\n---\n", g.word(), g.word(), g.word())
	for range 2 + g.rng.IntN(4) {
		b.WriteString(g.sentence(8+g.rng.IntN(10)) + ". ")
	}
	b.WriteString("\n")
	return b.String()
}

// writeKB writes n entries under dir/fr and dir/en.
func (g *kbGen) writeKB(dir string, n int) error {
	for _, l := range []string{"fr", "en"} {
		if err := os.MkdirAll(filepath.Join(dir, l), 0o755); err != nil {
			return err
		}
	}
	for i := range n {
		text := g.entry(i)
		l := "fr"
		if strings.Contains(text[:16], "lang: en") {
			l = "en"
		}
		if err := os.WriteFile(filepath.Join(dir, l, fmt.Sprintf("entree-%05d.md", i)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// query makes a chat-style question about a random entry: some of its
// words, a typo now and then, glue words.
func (g *kbGen) query(e *Entry) string {
	ws := strings.Fields(Fold(e.Title + " " + strings.Join(e.Questions, " ")))
	n := 2 + g.rng.IntN(5)
	out := make([]string, 0, n+2)
	for range n {
		w := ws[g.rng.IntN(len(ws))]
		if len(w) > 6 && g.rng.IntN(4) == 0 {
			r := []rune(w)
			i := 1 + g.rng.IntN(len(r)-2)
			r[i], r[i+1] = r[i+1], r[i]
			w = string(r)
		}
		out = append(out, w)
	}
	if g.rng.IntN(3) == 0 {
		out = append(out, g.word())
	}
	return strings.Join(out, " ")
}
