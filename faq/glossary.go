package faq

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
)

// GlossaryFile is the name of a community's glossary in its FAQ folder.
const GlossaryFile = "glossary.txt"

// Glossary is a community's own vocabulary, kept next to its FAQ: the
// names of its services and what they are, its abbreviations and
// synonyms ("Nuage = Nextcloud = cloud"), and the near neighbours that are
// not the same thing ("devenir mentor != trouver un mentor").
type Glossary struct {
	File     string
	Same     []GlossaryLine // each line: terms meaning the same
	Apart    []GlossaryLine // each line: two terms that are different things
	Warnings []*Problem     // what lint says without refusing the glossary
}

// GlossaryLine is one line of a glossary: its terms, folded into words.
type GlossaryLine struct {
	Line  int
	Terms [][]string
}

// LoadGlossary reads a glossary file; a missing file is no glossary.
func LoadGlossary(path string) (*Glossary, error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	g, probs := readGlossaryFile(DirFS(dir), name, path)
	if len(probs) > 0 {
		return nil, probs
	}
	return g, nil
}

// ParseGlossary parses a glossary: one line per thing, its names joined
// by "=", or two things told apart by "!=" (or "≠"); "#" starts a comment.
func ParseGlossary(file string, data []byte) (*Glossary, Problems) {
	g := &Glossary{File: file}
	var probs Problems
	seen := map[string]int{}
	for i, raw := range strings.Split(string(data), "\n") {
		n := i + 1
		bad := func(msg string) { probs = append(probs, &Problem{File: file, Line: n, Msg: msg}) }
		line := glossaryLineText(raw)
		if line == "" {
			continue
		}
		apart := strings.Contains(line, "!=")
		var parts []string
		switch {
		case apart:
			parts = strings.Split(line, "!=")
			if len(parts) != 2 {
				bad("« != » tells two things apart: one « != » per line")
				continue
			}
		case strings.Contains(line, "="):
			parts = strings.FieldsFunc(line, func(r rune) bool { return r == '=' || r == ',' })
		case strings.Contains(line, ":"):
			parts = strings.FieldsFunc(line, func(r rune) bool { return r == ':' || r == ',' }) // "Nuage: Nextcloud, cloud"
		}
		if len(parts) < 2 {
			bad("want « name = other name = ... » (the same thing) or « one thing != another » (not the same)")
			continue
		}
		gl := GlossaryLine{Line: n}
		for _, p := range parts {
			if ws := words(Fold(p)); len(ws) > 0 {
				gl.Terms = append(gl.Terms, ws)
			}
		}
		if len(gl.Terms) < 2 {
			bad("a line names at least two things: « name = other name » or « one != another »")
			continue
		}
		if apart {
			g.Apart = append(g.Apart, gl)
			continue
		}
		for _, t := range gl.Terms {
			k := strings.Join(t, " ")
			if other, dup := seen[k]; dup && other != n {
				// both lines then name one thing: said, not refused
				g.Warnings = append(g.Warnings, &Problem{File: file, Line: n,
					Msg: "« " + k + " » is on line " + strconv.Itoa(other) + " too: the two lines are read as one thing"})
			}
			seen[k] = n
		}
		g.Same = append(g.Same, gl)
	}
	return g, probs
}

// glossaryLineText is a glossary line without its comment, a list bullet
// ("- ", "* ") or a remark in parentheses ("Nuage (notre cloud) =
// Nextcloud"); "≠" is "!=".
func glossaryLineText(raw string) string {
	line := strings.TrimSpace(stripComment(raw))
	for _, b := range []string{"- ", "* ", "• "} {
		line = strings.TrimPrefix(line, b)
	}
	for {
		i := strings.IndexByte(line, '(')
		j := strings.IndexByte(line, ')')
		if i < 0 || j < i {
			break
		}
		line = line[:i] + " " + line[j+1:]
	}
	return strings.TrimSpace(strings.ReplaceAll(line, "≠", "!="))
}

// readGlossary reads the glossary of a FAQ folder, if it has one.
func readGlossary(fsys fs.FS, prefix string) (*Glossary, Problems) {
	return readGlossaryFile(fsys, GlossaryFile, display(prefix, GlossaryFile))
}

// readGlossaryFile reads name in fsys like an entry (a regular file of
// bounded size); file names it in messages.
func readGlossaryFile(fsys fs.FS, name, file string) (*Glossary, Problems) {
	if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	data, prob := readRegular(fsys, name)
	if prob != nil {
		prob.File = file
		return nil, Problems{prob}
	}
	return ParseGlossary(file, data)
}

// withGlossary returns the lexicon l extended by g: each line of names
// becomes one concept, joined to the pack concept one of its names
// already has ("Nuage = Nextcloud = cloud" joins « cloud »), and the
// glossary's words win over the packs'. l itself is unchanged.
func (l *lexicon) withGlossary(g *Glossary) *lexicon {
	if g == nil || len(g.Same)+len(g.Apart) == 0 {
		return l
	}
	d := *l
	d.concept = cloneMap(l.concept)
	d.conceptStem = cloneMap(l.conceptStem)
	d.stemWord = cloneMap(l.stemWord)
	d.stop = cloneMap(l.stop)
	d.abbrev = cloneMap(l.abbrev)
	d.src = cloneMap(l.src)
	d.phrases = make(map[string][]phrase, len(l.phrases))
	for k, v := range l.phrases {
		d.phrases[k] = v[:len(v):len(v)] // an append copies
	}
	d.apart = map[string][]string{}
	for _, gl := range g.Same {
		d.addGlossaryLine(gl, g.File, true)
	}
	for _, gl := range g.Apart {
		a := d.addGlossaryLine(GlossaryLine{Line: gl.Line, Terms: gl.Terms[:1]}, g.File, false)
		b := d.addGlossaryLine(GlossaryLine{Line: gl.Line, Terms: gl.Terms[1:]}, g.File, false)
		if a != b {
			d.apart[a] = append(d.apart[a], b)
			d.apart[b] = append(d.apart[b], a)
		}
	}
	return &d
}

// addGlossaryLine files a line's terms under one concept and returns it:
// the concept a term already has (the glossary's own first), or a new one
// named after the first term. keep says a name of several words keeps its
// words' own terms as well (a name); the two sides of a "!=" line do not
// (they are read as a whole, so that « jardin partagé » shares nothing).
func (l *lexicon) addGlossaryLine(gl GlossaryLine, file string, keep bool) string {
	src := file + ":" + strconv.Itoa(gl.Line)
	concept := ""
	for _, t := range gl.Terms {
		if concept = l.conceptOf(t); concept != "" {
			break
		}
	}
	if concept == "" {
		concept = "=" + strings.Join(gl.Terms[0], "-")
	}
	for _, t := range gl.Terms {
		if len(t) > 1 {
			// ahead of the packs' expressions of the same length
			p := newPhrase(t, concept)
			p.keep = keep
			l.phrases[t[0]] = append([]phrase{p}, l.phrases[t[0]]...)
			l.src["p:"+strings.Join(t, " ")] = src
			continue
		}
		w := t[0]
		delete(l.stop, w)
		delete(l.abbrev, w)
		l.concept[w] = concept
		l.src["c:"+w] = src
		if s := stemLight(w); len(s) >= 5 {
			l.conceptStem[s] = concept
			l.stemWord[s] = w
			l.src["s:"+s] = src
		}
	}
	return concept
}

// conceptOf returns the concept a word or expression already stands for.
func (l *lexicon) conceptOf(t []string) string {
	if len(t) == 1 {
		if c := l.concept[t[0]]; c != "" {
			return c
		}
		return ""
	}
	for _, p := range l.phrases[t[0]] {
		if p.concept != "" && !strings.Contains(p.concept, " ") && slicesEqual(p.words, t) {
			return p.concept
		}
	}
	return ""
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// GlossaryUnused lists the glossary lines that connect nothing: none of
// their names is in any served entry, directly or through the packs
// ("Nuage = Nextcloud" in a FAQ that names neither). They are warnings:
// the line may anticipate an entry still to write.
func (m *LexicalMatcher) GlossaryUnused() []*Problem {
	g := m.kb.Glossary
	if g == nil {
		return nil
	}
	var out []*Problem
	check := func(gl GlossaryLine, terms [][]string, what string) {
		for _, t := range terms {
			if c := m.lx.conceptOf(t); c != "" {
				if _, ok := m.ix.terms[c]; ok {
					return
				}
			}
		}
		out = append(out, &Problem{File: g.File, Line: gl.Line, Msg: what})
	}
	for _, gl := range g.Same {
		check(gl, gl.Terms, "no entry uses any of these names: the line connects nothing yet")
	}
	for _, gl := range g.Apart {
		for i, side := range gl.Terms {
			check(gl, [][]string{side}, fmt.Sprintf("no entry uses « %s » (side %d of « != »)", strings.Join(side, " "), i+1))
		}
	}
	return out
}
