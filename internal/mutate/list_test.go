package main

import (
	"os"
	"strings"
	"testing"
)

func TestParseList(t *testing.T) {
	text := `# header comment

## Section
@ faq/matcher.go
# one weak candidate
- n >= 2 && x
+ n >= 1 && x
- 	indented text
+ 
= equivalent: the text only matters for spacing

@ config/load.go ./config ./cmd/entraide -run=Config
- a < 0
+ a < -1
`
	ms, err := parseList(strings.NewReader(text), "list.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 3 {
		t.Fatalf("%d mutations, want 3: %+v", len(ms), ms)
	}
	m := ms[0]
	if m.File != "faq/matcher.go" || strings.Join(m.Pkgs, " ") != "./faq" || m.Note != "one weak candidate" ||
		m.From != "n >= 2 && x" || m.To != "n >= 1 && x" || m.Line != 6 || m.Accepted != "" {
		t.Errorf("first: %+v", m)
	}
	if m := ms[1]; m.From != "\tindented text" || m.To != "" || m.Note != "" || !strings.HasPrefix(m.Accepted, "equivalent:") {
		t.Errorf("second (deletion, accepted): %+v", m)
	}
	if m := ms[2]; m.File != "config/load.go" || strings.Join(m.Pkgs, " ") != "./config ./cmd/entraide" || strings.Join(m.Flags, " ") != "-run=Config" {
		t.Errorf("third (packages named): %+v", m)
	}
}

func TestParseListErrorsNameTheLine(t *testing.T) {
	for text, want := range map[string]string{
		"- x\n+ y\n":                  `list.txt:1: "-" before any "@ file" line`,
		"@ a.go\n- x\n# note\n":       `list.txt:3: a "- original" line must be followed`,
		"@ a.go\n+ y\n":               `list.txt:2: "+" without a "-" line`,
		"@ a.go\n- x\n+ x\n":          "list.txt:3: the replacement is the original",
		"@ a.go\n- x\n+ y\n\n= why\n": `list.txt:5: "=" must follow a "+" line`,
		"@ a.go\n- x\n":               `list.txt:2: the last mutation has no "+" line`,
		"@ a.go\n  - x\n":             "list.txt:2: a line starts with a space",
		"@ a.go\n* x\n":               "list.txt:2: unknown line",
		"@\n":                         "list.txt:1: @ needs a file",
		"@ a.go\n-\n":                 "list.txt:2: empty original text",
	} {
		_, err := parseList(strings.NewReader(text), "list.txt")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: want %q, got %v", text, want, err)
		}
	}
}

// The list kept in the repository parses (whether its texts are still
// found is for scripts/mutate -n to say: code moves).
func TestRepositoryListParses(t *testing.T) {
	f, err := os.Open("mutations.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ms, err := parseList(f, "mutations.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Note == "" {
			t.Errorf("mutations.txt:%d: say in a # line above it what the bug would do", m.Line)
		}
	}
}
