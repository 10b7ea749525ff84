package faq

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func glossaryTerms(t *testing.T, glossary, text string) []string {
	t.Helper()
	g, probs := ParseGlossary("glossary.txt", []byte(glossary))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var out []string
	l := lex.withGlossary(g)
	for _, tok := range l.analyzeWords(l.expandWords(text)) {
		if tok.Term != "" {
			out = append(out, tok.Term)
		}
	}
	return out
}

// A glossary line makes a community's names one concept, joined to the
// packs' concept one of them has.
func TestGlossaryJoinsNames(t *testing.T) {
	const g = `# our names
Nuage = Nextcloud = cloud   # the packs know "cloud"
AG = assemblée générale
devenir mentor = être mentor = become a mentor
trouver un mentor = être accompagné
devenir mentor != trouver un mentor
`
	if got := glossaryTerms(t, g, "mon mot de passe du Nuage"); !slices.Contains(got, "=cloud") {
		t.Errorf("Nuage: %v, want =cloud", got)
	}
	if got := Terms("mon mot de passe du Nuage"); slices.Contains(got, "=cloud") {
		t.Errorf("without the glossary, Nuage is no cloud: %v", got)
	}
	// a name of several words is the line's concept, and its words keep
	// their own terms (« l'assemblée » alone still finds it)
	ag, full := glossaryTerms(t, g, "l'AG"), glossaryTerms(t, g, "l'assemblée générale")
	if len(ag) != 1 || len(full) != 3 || full[0] != ag[0] || !slices.Contains(full, glossaryTerms(t, g, "l'assemblée")[0]) {
		t.Errorf("AG %v and assemblée générale %v", ag, full)
	}
	be, get := glossaryTerms(t, g, "je peux être mentor ?"), glossaryTerms(t, g, "comment être accompagnés ?")
	if len(be) == 0 || len(get) == 0 || slices.Contains(get, be[0]) {
		t.Errorf("becoming %v and getting %v a mentor are not told apart", be, get)
	}
	l := lex.withGlossary(&Glossary{File: "g", Same: nil})
	if l != lex {
		t.Error("an empty glossary copies the packs")
	}
	if lex.concept["nuage"] != "" {
		t.Error("the glossary changed the packs")
	}
}

// A broken glossary line is reported with its file and line; natural
// variants of the format are read.
func TestGlossaryProblems(t *testing.T) {
	g, probs := ParseGlossary("faq/glossary.txt", []byte(`Nuage = Nextcloud
just words
a = = 
x != y != z
cloud = Nuage
- Pads (nos pads) = Etherpad, pad
CAF: allocations familiales, APL
`))
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{"faq/glossary.txt:2: want", "faq/glossary.txt:3: a line names at least two", "faq/glossary.txt:4: « != » tells two things apart"}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want %q...", i, got[i], want[i])
		}
	}
	if len(g.Warnings) != 1 || !strings.Contains(g.Warnings[0].Error(), "glossary.txt:5: « nuage » is on line 1 too") {
		t.Errorf("warnings: %v", g.Warnings)
	}
	if len(g.Same) != 4 || fmt.Sprint(g.Same[2].Terms) != "[[pads] [etherpad] [pad]]" || fmt.Sprint(g.Same[3].Terms) != "[[caf] [allocations familiales] [apl]]" {
		t.Errorf("lines read: %v", g.Same)
	}
}

// The FAQ folder's glossary.txt comes with the KB, its problems with the
// entries'; the matcher uses it.
func TestKBGlossary(t *testing.T) {
	fsys := testKB()
	fsys["glossary.txt"] = &fstest.MapFile{Data: []byte("Nuage = Nextcloud = espace en ligne\n")}
	kb, err := LoadFS(fsys)
	if err != nil || kb.Glossary == nil || len(kb.Glossary.Same) != 1 {
		t.Fatalf("LoadFS: %v, glossary %+v", err, kb)
	}
	m := NewMatcher(kb, Options{})
	if res := m.Match("mot de passe de mon espace en ligne oublié", "fr"); res.Entry == nil || res.Entry.ID != "nuage-mot-de-passe" {
		t.Errorf("with the glossary: %+v", res.Entry)
	}
	fsys["glossary.txt"] = &fstest.MapFile{Data: []byte("Nuage\n")}
	if _, err := LoadFS(fsys); err == nil || !strings.Contains(err.Error(), "glossary.txt:1:") {
		t.Errorf("a broken glossary: %v", err)
	}
}

// Documents named in capitals beside the entries are not entries.
func TestDocFilesSkipped(t *testing.T) {
	fsys := testKB()
	fsys["NOT-COVERED.md"] = &fstest.MapFile{Data: []byte("# what we do not cover\n")}
	fsys["fr/Bad-Name.md"] = &fstest.MapFile{Data: []byte("no front matter\n")}
	_, err := LoadFS(fsys)
	if err == nil || strings.Contains(err.Error(), "NOT-COVERED") || !strings.Contains(err.Error(), "Bad-Name") {
		t.Errorf("LoadFS: %v", err)
	}
}

// A question naming one side of a glossary's "A != B" is offered, not
// answered, the entry about B.
func TestGlossaryApartOffers(t *testing.T) {
	fsys := testKB()
	fsys["fr/mentor-trouver.md"] = EntryFile("fr", "Comment trouver un mentor pour notre association ?",
		"Notre association peut-elle avoir un mentor ?", "mentorat, mentor", "Demandez un mentor sur le site.")
	kb, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	q := "je voudrais devenir mentor pour une association"
	if res := NewMatcher(kb, Options{}).Match(q, "fr"); res.Decision != Answer || res.Entry.ID != "mentor-trouver" {
		t.Fatalf("without the glossary the neighbour is answered (the case this guards): %v %v", res.Decision, res.Entry)
	}
	kb.Glossary, _ = ParseGlossary("glossary.txt", []byte("devenir mentor != trouver un mentor\n"))
	a := NewMatcher(kb, Options{}).Analyze(q, "fr")
	res := NewMatcher(kb, Options{}).Match(q, "fr")
	if res.Decision == Answer || !strings.Contains(a.Veto(), "devenir-mentor") {
		t.Errorf("with the glossary: %v %v, veto %q", res.Decision, res.Entry.ID, a.Veto())
	}
}
