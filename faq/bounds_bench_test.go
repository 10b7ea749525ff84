package faq

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkWorstMessage matches the largest message the bot takes (16 KiB)
// in the shapes that used to be costly: one long word, thousands of
// distinct misspellings, accented text. Goal: each well under 50 ms and a
// few MB per message.
//
//	go test -run '^$' -bench WorstMessage -benchmem ./faq
func BenchmarkWorstMessage(b *testing.B) {
	kb, err := LoadFS(testKB())
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	const size = 16 << 10
	var typos strings.Builder
	for i := 0; typos.Len() < size; i++ {
		typos.WriteString("adhezion" + strconv.Itoa(i) + "q ")
	}
	for name, text := range map[string]string{
		"one-word":   strings.Repeat("motdepasse", size/10),
		"misspelt":   typos.String(),
		"accented":   strings.Repeat("é ", size/3),
		"invisible":  strings.Repeat("mo\u200bt ", size/7),
		"long-words": strings.Repeat(strings.Repeat("abcdefgh", 8)+" ", size/65),
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				m.Match(text, "fr")
			}
		})
	}
}
