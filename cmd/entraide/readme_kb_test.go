package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"codeberg.org/entraide/entraide/faq"
)

// TestReadmeKBExamplesNameTheExampleFAQ: the README's --kb examples, run
// from the repository's root, load a FAQ folder, not a Go package whose
// test data happens to hold Markdown.
func TestReadmeKBExamplesNameTheExampleFAQ(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// FAQ_DIR and the like stand for the reader's own folder
	found := regexp.MustCompile(`--kb ([a-z]\S*)`).FindAllSubmatch(readme, -1)
	if len(found) == 0 {
		t.Fatal("no --kb example in README.md")
	}
	for _, m := range found {
		dir := filepath.Join("../..", string(m[1]))
		if gos, _ := filepath.Glob(filepath.Join(dir, "*.go")); len(gos) > 0 {
			t.Errorf("README: --kb %s is a Go package, not a FAQ folder", m[1])
			continue
		}
		if kb, err := faq.LoadDir(dir); err != nil || len(kb.Served()) == 0 {
			t.Errorf("README: --kb %s loads no FAQ: %v", m[1], err)
		}
	}
}
