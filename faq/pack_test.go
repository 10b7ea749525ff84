package faq

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The built-in packs parse, and each language's words reach the shared
// concepts.
func TestBuiltinPacks(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"mot de passe", "=password"},
		{"password", "=password"},
		{"mdp", "=password"}, // an abbreviation of fr.txt
		{"pwd", "=password"}, // of en.txt
	} {
		if got := Terms(c.text); !slices.Contains(got, c.want) {
			t.Errorf("Terms(%q) = %v, want %s", c.text, got, c.want)
		}
	}
	if lex.langOf["le"] != "fr" || lex.langOf["the"] != "en" || lex.langOf["www"] != "" {
		t.Errorf("stop words' languages: le %q, the %q, www %q", lex.langOf["le"], lex.langOf["the"], lex.langOf["www"])
	}
	// a tablet is not a computer: "borrow a laptop" is no answer about tablets
	if a, b := Terms("tablette"), Terms("ordinateur portable"); slices.Contains(b, a[0]) {
		t.Errorf("tablette %v is read as a computer %v", a, b)
	}
	if !lex.names["whatsapp"] {
		t.Error("intl.txt's names are not loaded")
	}
}

// A broken pack line is reported with its file and line.
func TestPackProblems(t *testing.T) {
	fsys := fstest.MapFS{"xx.txt": {Data: []byte(`# a test pack
stray line
[concepts]
password: passwort
Bad Name: x
nolist
[nonsense]
word
[abbreviations]
= nothing
[pairs]
delete account: loeschen
[small talk]
chatter: hallo
`)}}
	_, probs := loadPacks(fsys, "packs")
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{"packs/xx.txt:2: ", "packs/xx.txt:5: ", "packs/xx.txt:6: ", "packs/xx.txt:7: unknown section [nonsense]",
		"packs/xx.txt:10: ", "packs/xx.txt:12: a pair has a verb and its object", "packs/xx.txt:14: "}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want it to start with %q", i, got[i], want[i])
		}
	}
}

// A third language is one more pack file: with testdata/packs/de.txt
// beside the built-in packs, German questions find the French and
// English entries, with no change to the code.
func TestThirdLanguagePack(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, dir := range []fs.FS{must(fs.Sub(packFiles, "lang")), os.DirFS("testdata/packs")} {
		names, _ := fs.Glob(dir, "*.txt")
		for _, n := range names {
			data, _ := fs.ReadFile(dir, n)
			fsys[n] = &fstest.MapFile{Data: data}
		}
	}
	packs, probs := loadPacks(fsys, "packs")
	if len(probs) > 0 || fsys["de.txt"] == nil {
		t.Fatalf("packs: %v", probs)
	}
	kb, err := LoadFS(testKB())
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"Ich habe mein Passwort für Nuage vergessen": "nuage-password",
		"Wie viel kostet eine Schulung?":             "formation-tarifs",
	} {
		if a := newMatcher(kb, Options{}, packs).Analyze(q, ""); len(a.Candidates) == 0 || a.Candidates[0].Entry.ID != want && a.Candidates[0].Entry.ID != "nuage-mot-de-passe" {
			t.Errorf("%q with the German pack: terms %v, candidates %v", q, a.Terms, a.Candidates)
		}
		if a := NewMatcher(kb, Options{}).Analyze(q, ""); len(a.Candidates) > 0 && a.Candidates[0].Entry.ID == want {
			t.Errorf("%q found %s without the German pack: the test shows nothing", q, want)
		}
	}
	if packs.smallTalk(packs.expandWords("hallo, vielen Dank")) != "thanks" {
		t.Error("German small talk is not read")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
