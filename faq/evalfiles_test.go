package faq

import (
	"os"
	"path/filepath"
	"testing"
)

// evalDir is the shared evaluation folder: ENTRAIDE_EVAL, or the one
// beside the repository.
func evalDir() string {
	if eval := os.Getenv("ENTRAIDE_EVAL"); eval != "" {
		return eval
	}
	return filepath.Join("..", "..", "shared", "eval")
}

// loadWithGlossary is the production matcher on the FAQ in dir with the
// glossary file.
func loadWithGlossary(t *testing.T, dir, glossary string) *LexicalMatcher {
	t.Helper()
	kb, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if kb.Glossary, err = LoadGlossary(glossary); err != nil {
		t.Fatal(err)
	}
	return NewMatcher(kb, Options{})
}

// readQueryFiles reads the labelled queries of the given JSON Lines files.
func readQueryFiles(t *testing.T, paths ...string) []Query {
	t.Helper()
	var out []Query
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := ReadQueries(f, p, true)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, qs...)
	}
	return out
}
