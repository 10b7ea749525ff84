package faq

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

const goodEntry = "---\nlang: fr\ntitle: \"Comment adhérer ?\"\nquestions:\n  - \"Comment devenir membre ?\"\ntags: [adhésion]\n---\nRemplissez le formulaire.\n"

func TestLoadGoodKB(t *testing.T) {
	kb, err := LoadFS(fstest.MapFS{
		"fr/adherer.md":   {Data: []byte(goodEntry)},
		"fr/brouillon.md": {Data: []byte("---\nlang: fr\ntitle: Brouillon\nquestions: [Une question]\ndraft: true\n---\nPas fini.\n")},
		"README.md":       {Data: []byte("not an entry")},
		".git/x.md":       {Data: []byte("ignored")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(kb.Entries) != 2 || len(kb.Served()) != 1 {
		t.Fatalf("entries %d, served %d", len(kb.Entries), len(kb.Served()))
	}
	e, ok := kb.Get("adherer")
	if !ok || e.Lang != "fr" || e.Title != "Comment adhérer ?" || len(e.Questions) != 1 || e.Tags[0] != "adhésion" || e.Body != "Remplissez le formulaire." {
		t.Fatalf("bad entry %+v", e)
	}
}

// Every kind of mistake is reported as file:line: message, all at once.
func TestLintProblems(t *testing.T) {
	cases := []struct {
		name, file, body string
		want             string
	}{
		{"bad yaml", "fr/yaml.md", "---\nlang: fr\ntitle: [pas fermé\nquestions: [a]\n---\ncorps\n", "fr/yaml.md:3: bad YAML"},
		{"no front matter", "fr/nofm.md", "juste du texte\n", "fr/nofm.md:1: missing front matter"},
		{"unclosed", "fr/open.md", "---\nlang: fr\n", "fr/open.md:1: front matter is not closed"},
		{"missing title", "fr/notitle.md", "---\nlang: fr\nquestions: [a]\n---\ncorps\n", "fr/notitle.md:2: missing field title"},
		{"missing lang", "fr/nolang.md", "---\ntitle: T\nquestions: [a]\n---\ncorps\n", "fr/nolang.md:2: missing field lang"},
		{"missing questions", "fr/noq.md", "---\nlang: fr\ntitle: T\n---\ncorps\n", "fr/noq.md:2: missing field questions"},
		{"empty questions", "fr/emptyq.md", "---\nlang: fr\ntitle: T\nquestions: []\n---\ncorps\n", "fr/emptyq.md:4: questions must list at least one phrasing"},
		{"empty answer", "fr/empty.md", "---\nlang: fr\ntitle: T\nquestions: [a]\n---\n\n  \n", "fr/empty.md:6: empty answer"},
		{"unknown lang", "fr/de.md", "---\nlang: de\ntitle: T\nquestions: [a]\n---\ncorps\n", "fr/de.md:2: unknown lang \"de\""},
		{"unknown key", "fr/key.md", "---\nlang: fr\ntitle: T\nquestions: [a]\ncolour: red\n---\ncorps\n", "fr/key.md:5: unknown key \"colour\""},
		{"bad id", "fr/Bad_Name.md", goodEntry, "fr/Bad_Name.md:1: bad id"},
		{"bad draft", "fr/draft.md", "---\nlang: fr\ntitle: T\nquestions: [a]\ndraft: maybe\n---\ncorps\n", "fr/draft.md:5: draft must be true or false"},
	}
	fsys := fstest.MapFS{}
	for _, c := range cases {
		fsys[c.file] = &fstest.MapFile{Data: []byte(c.body)}
	}
	fsys["fr/dup.md"] = &fstest.MapFile{Data: []byte(goodEntry)}
	fsys["en/dup.md"] = &fstest.MapFile{Data: []byte(strings.Replace(goodEntry, "lang: fr", "lang: en", 1))}
	_, err := LoadFS(fsys)
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want Problems, got %v", err)
	}
	text := probs.Error()
	for _, c := range cases {
		if !strings.Contains(text, c.want) {
			t.Errorf("%s: want %q in:\n%s", c.name, c.want, text)
		}
	}
	if !strings.Contains(text, "duplicate id dup (also ") {
		t.Errorf("duplicate id not reported:\n%s", text)
	}
	for _, p := range probs {
		if p.File == "" || p.Line < 1 {
			t.Errorf("problem without file:line: %v", p)
		}
	}
}

func TestLoadDirNamesFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "fr"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fr", "x.md"), []byte("---\nlang: it\ntitle: T\nquestions: [a]\n---\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadDir(dir)
	want := filepath.Join(dir, "fr", "x.md") + ":2: unknown lang"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("want %q, got %v", want, err)
	}
}
