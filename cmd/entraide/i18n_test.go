package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
)

// Every sentence the bot can say must exist in French and English. The
// catalogue's own parity is tested in bot; these tests catch keys used in
// code or by commands that the catalogue lacks.

// keyUse finds catalogue keys in source: T("key"), T(lang, "key"),
// ticketErr("key", ...), Help: "key".
var keyUse = regexp.MustCompile(`(?:\bT\((?:(?:[\w.]+(?:\([\w.]*\))?|"[a-z]{2}"),\s*)?|ticketErr\(|Help:\s*)"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)"`)

func TestEveryKeyUsedInCodeIsInBothLanguages(t *testing.T) {
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(src), -1) {
			if m[1] == "fr" || m[1] == "en" {
				continue // T("en", key) with a key from a variable
			}
			checked++
			for _, lang := range bot.Languages {
				if !bot.HasMessage(lang, m[1]) {
					t.Errorf("%s uses key %q, missing in %s", p, m[1], lang)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("only %d key uses found: the scan is broken", checked)
	}
}

func TestEveryCommandHasHelpInBothLanguages(t *testing.T) {
	a := newDemoApp(t)
	for _, c := range a.bot.Commands() {
		for _, lang := range bot.Languages {
			if !bot.HasMessage(lang, c.Help) {
				t.Errorf("!%s: help key %q missing in %s", c.Names[0], c.Help, lang)
			}
		}
	}
}
