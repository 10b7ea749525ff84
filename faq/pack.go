package faq

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// The matcher's general vocabulary lives in language packs, one text file
// per language under lang/ (format: lang/README.md), embedded in the
// binary. A new language is a new file there.
//
//go:embed lang/*.txt
var packFiles embed.FS

// intlPack holds vocabulary shared by every language (product names):
// its stop words tell no language apart.
const intlPack = "intl"

var lex = mustBuiltinLexicon()

func mustBuiltinLexicon() *lexicon {
	sub, err := fs.Sub(packFiles, "lang")
	if err != nil {
		panic(err)
	}
	l, probs := loadPacks(sub, "faq/lang")
	if len(probs) > 0 {
		// the packs are compiled in and checked by the tests: a broken one
		// is a build mistake, reported with its file and line
		panic("language packs: " + probs.Error())
	}
	return l
}

// loadPacks reads every *.txt of fsys as a language pack named by its
// file name (fr.txt is French), in the order of their names. prefix is
// joined to file names in messages.
func loadPacks(fsys fs.FS, prefix string) (*lexicon, Problems) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, Problems{{File: prefix, Msg: err.Error()}}
	}
	sort.Strings(names)
	l := newLexicon()
	var probs Problems
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		file := path.Join(prefix, name)
		if err != nil {
			probs = append(probs, &Problem{File: file, Msg: err.Error()})
			continue
		}
		probs = append(probs, l.parsePack(file, strings.TrimSuffix(name, ".txt"), data)...)
	}
	l.finish()
	return l, probs
}

// packSections are the sections a pack may have, in the order the
// README describes them.
var packSections = map[string]bool{"abbreviations": true, "after": true, "stop": true, "stop phrases": true,
	"common": true, "small talk": true, "concepts": true, "pairs": true, "names": true, "word roles": true}

// chitchatKindSet: the kinds of small talk ("part": a word of small talk
// phrases that is no small talk alone).
var chitchatKindSet = wordSet("greeting thanks farewell presence other part")

var conceptName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// parsePack adds one pack to l: lang is its language code ("fr"), file
// names it in messages and in the origins "faq ask" shows.
func (l *lexicon) parsePack(file, lang string, data []byte) Problems {
	var probs Problems
	section := ""
	roles := l.role.byName()
	for i, raw := range strings.Split(string(data), "\n") {
		n := i + 1
		bad := func(format string, args ...any) {
			probs = append(probs, &Problem{File: file, Line: n, Msg: fmt.Sprintf(format, args...)})
		}
		line := strings.TrimSpace(stripComment(raw))
		if line == "" {
			continue
		}
		src := file + ":" + strconv.Itoa(n)
		if strings.HasPrefix(line, "[") {
			s := strings.TrimSpace(strings.Trim(line, "[]"))
			if !strings.HasSuffix(line, "]") || !packSections[s] {
				bad("unknown section %s (known: [abbreviations], [after], [stop], [stop phrases], [common], [small talk], [concepts], [pairs], [names], [word roles])", line)
				section = "?"
				continue
			}
			section = s
			continue
		}
		switch section {
		case "":
			bad("a line before the first [section]")
		case "?":
			// already reported
		case "abbreviations":
			k, v, ok := strings.Cut(line, "=")
			exp := words(Fold(v))
			if !ok || len(strings.Fields(k)) == 0 || len(exp) == 0 {
				bad("want « abbreviation abbreviation = expansion »")
				continue
			}
			for _, a := range strings.Fields(Fold(k)) {
				l.abbrev[a] = exp
				l.src["a:"+a] = src
			}
		case "after":
			k, v, ok := strings.Cut(line, "=")
			a, prev, ok2 := strings.Cut(Fold(k), " after ")
			exp := words(Fold(v))
			if !ok || !ok2 || len(exp) == 0 || len(strings.Fields(a)) != 1 || len(strings.Fields(prev)) == 0 {
				bad("want « abbreviation after word word = expansion »")
				continue
			}
			a = strings.TrimSpace(a)
			l.after[a] = afterAbbrev{prev: wordSet(prev), exp: exp}
			l.src["a:"+a] = src
		case "stop", "common", "names":
			for _, w := range strings.Fields(Fold(line)) {
				for _, x := range words(w) {
					switch section {
					case "stop":
						l.addStop(x, lang)
					case "common":
						l.common[x] = true
						l.commonStem[stem(x)] = true
					case "names":
						l.names[x] = true
					}
				}
			}
		case "stop phrases":
			for _, item := range strings.Split(line, ",") {
				ws := words(Fold(strings.TrimSpace(item)))
				if len(ws) < 2 {
					bad("a stop phrase has several words (a single word goes in [stop]): %q", strings.TrimSpace(item))
					continue
				}
				l.addPhrase(ws, "", src)
			}
		case "small talk":
			kind, items, ok := cutList(line)
			if !ok || !chitchatKindSet[kind] {
				bad("want « kind: word, expression, ... » with kind one of greeting, thanks, farewell, presence, other, part")
				continue
			}
			for _, item := range items {
				ws := words(Fold(item))
				switch len(ws) {
				case 0:
				case 1:
					l.chitchat[ws[0]] = kind
				default:
					l.chitPhrases[ws[0]] = append(l.chitPhrases[ws[0]], ws)
					l.chitchat[strings.Join(ws, " ")] = kind
				}
			}
		case "word roles":
			name, list, ok := strings.Cut(line, ":")
			set := roles[strings.TrimSpace(name)]
			if !ok || set == nil {
				bad("want « role: word word ... » with a role among %s", roleNameList())
				continue
			}
			for _, w := range strings.Fields(Fold(list)) {
				(*set)[w] = true
			}
		case "concepts":
			name, items, ok := cutList(line)
			if !ok || !conceptName.MatchString(name) {
				bad("want « concept: word, expression, ... » with a concept name in lowercase letters, digits and -")
				continue
			}
			for _, item := range items {
				ws := words(Fold(item))
				l.addConceptItem(ws, "="+name, src)
				if len(ws) == 1 && lang != intlPack {
					mark(l.wordLang, ws[0], lang)
				}
			}
		case "pairs":
			names, items, ok := cutList(line)
			var concepts []string
			for _, c := range strings.Fields(names) {
				if !conceptName.MatchString(c) {
					ok = false
				}
				concepts = append(concepts, "="+c)
			}
			if !ok || len(concepts) == 0 {
				bad("want « concept concept: verb object, ... »")
				continue
			}
			for _, item := range items {
				ws := words(Fold(item))
				if len(ws) < 2 {
					bad("a pair has a verb and its object: %q", item)
					continue
				}
				// filed under the verb's stem, so that any form of the verb
				// starts it ("on ferme le compte" is "fermer le compte")
				k := stem(ws[0])
				l.pairs[k] = append(l.pairs[k], newPhrase(ws, strings.Join(concepts, " ")))
				l.src["p:"+strings.Join(ws, " ")] = src
			}
		}
	}
	return probs
}

// cutList splits "name: a, b, c" into its name and items.
func cutList(line string) (string, []string, bool) {
	name, list, ok := strings.Cut(line, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return "", nil, false
	}
	var items []string
	for _, it := range strings.Split(list, ",") {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return name, items, len(items) > 0
}

// stripComment drops a "#" comment: at the start of the line, or after a
// space ("C#" stays a word).
func stripComment(s string) string {
	if strings.HasPrefix(strings.TrimSpace(s), "#") {
		return ""
	}
	if i := strings.Index(s, " #"); i >= 0 {
		return s[:i]
	}
	return s
}

func (l *lexicon) addStop(w, lang string) {
	l.stop[w] = true
	if lang == intlPack {
		return
	}
	mark(l.langOf, w, lang)
}

// mark files w under lang in m, or under "both" when another language
// has it too.
func mark(m map[string]string, w, lang string) {
	if m[w] != "" && m[w] != lang {
		m[w] = "both"
	} else {
		m[w] = lang
	}
}

// addConceptItem files one word or expression under a concept.
func (l *lexicon) addConceptItem(ws []string, concept, src string) {
	switch len(ws) {
	case 0:
	case 1:
		l.concept[ws[0]] = concept
		l.src["c:"+ws[0]] = src
		// a stem two concepts share goes to the shorter word, the one
		// closer to it ("march" is March, "marche" works), whatever the
		// order of the packs
		if s := stemLight(ws[0]); len(s) >= 5 {
			if w, taken := l.stemWord[s]; !taken || len(ws[0]) < len(w) {
				l.conceptStem[s] = concept
				l.stemWord[s] = ws[0]
				l.src["s:"+s] = src
			}
		}
	default:
		l.addPhrase(ws, concept, src)
	}
}

func (l *lexicon) addPhrase(ws []string, concept, src string) {
	l.phrases[ws[0]] = append(l.phrases[ws[0]], newPhrase(ws, concept))
	l.src["p:"+strings.Join(ws, " ")] = src
}

// finish derives what depends on every pack: the terms of time units,
// and the stems of stop words that are no concept.
func (l *lexicon) finish() {
	for w := range l.stop {
		if _, isConcept := l.concept[w]; !isConcept && len(w) > 4 {
			l.stopStem[stem(w)] = true
		}
	}
	for w := range l.role.durationWords {
		l.timeTerms[w] = true
	}
	for w := range l.role.timeUnits {
		l.timeTerms[w] = true
		if t := l.termOf(w); t != "" {
			l.timeTerms[t] = true
		}
	}
}
