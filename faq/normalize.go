package faq

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and removes accents ("Coûte" → "coute"); ligatures are
// spelt out ("œuf" → "oeuf"), typographic apostrophes become ' and
// invisible format characters (zero-width spaces and joiners, soft
// hyphens, bidirectional marks) are dropped, so they cannot split a word.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 0x80:
			b.WriteByte(byte(r))
		case r < foldTableSize:
			b.WriteString(foldTable[r])
		default:
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

// foldTable holds the folded form of the Latin runes, the ones French and
// English text is made of, so folding a large FAQ does not decompose the
// same accented letters again and again.
const foldTableSize = 0x250

var foldTable = func() (t [foldTableSize]string) {
	for r := rune(0x80); r < foldTableSize; r++ {
		t[r] = foldRune(r)
	}
	return t
}()

// foldRune folds one lowercase non-ASCII rune.
func foldRune(r rune) string {
	var b strings.Builder
	switch {
	case unicode.Is(unicode.Cf, r):
		// invisible: zero-width, soft hyphen, bidi marks, BOM
	case r == 'œ':
		b.WriteString("oe")
	case r == 'æ':
		b.WriteString("ae")
	case r == 'ß':
		b.WriteString("ss")
	case r == '’' || r == 'ʼ' || r == '´':
		b.WriteByte('\'')
	case r == '€':
		b.WriteString(" euro ")
	default:
		// strip combining marks from the rune's decomposition
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
	}
	return b.String()
}

// IsBlank reports whether s shows nothing: only spaces and invisible
// format characters such as zero-width spaces or bidirectional marks.
func IsBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// elisions are the French clitics glued to the next word by an apostrophe.
var elisions = map[string]bool{"l": true, "j": true, "d": true, "n": true, "m": true,
	"t": true, "s": true, "c": true, "qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true}

// words splits folded text into words: letters and digits, with French
// elisions removed ("l'adhesion" → "adhesion") and English contractions kept
// whole ("don't" → "dont").
func words(folded string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := folded[start:end]
		start = -1
		if i := strings.IndexByte(w, '\''); i >= 0 {
			parts := strings.Split(w, "'")
			// French elision: keep what follows the clitic.
			if elisions[parts[0]] && len(parts) == 2 && parts[1] != "" && parts[1] != "s" && parts[1] != "t" {
				out = append(out, parts[0]+"'")
				w = parts[1]
			} else {
				w = strings.ReplaceAll(w, "'", "")
			}
		}
		if w != "" {
			out = append(out, w)
		}
	}
	for i, r := range folded {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if r == '\'' && start >= 0 {
			// an apostrophe inside a word, followed by a letter
			if j := i + 1; j < len(folded) {
				if n, _ := utf8.DecodeRuneInString(folded[j:]); unicode.IsLetter(n) {
					isWord = true
				}
			}
		}
		if isWord {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(folded))
	return out
}

// Token is one analysed word of a text.
type Token struct {
	Word string // folded surface word (after abbreviation expansion)
	Term string // index term: a concept ("=password") or a stem; "" for stop words
}

// Analyze turns text into tokens: folded, elisions removed, chat
// abbreviations expanded, multi-word expressions and synonyms mapped to
// shared concepts across French and English, light stemming, stop words
// marked with an empty Term.
func Analyze(text string) []Token { return lex.analyzeWords(lex.expandWords(text)) }

// expandWords folds and splits text and expands chat abbreviations (each
// may become several words).
func (l *lexicon) expandWords(text string) []string {
	ws := words(Fold(text))
	exp := make([]string, 0, len(ws)+4)
	for i, w := range ws {
		if a, ok := l.after[w]; ok && i > 0 && a.prev[ws[i-1]] {
			exp = append(exp, a.exp...)
			continue
		}
		if e, ok := l.abbrev[w]; ok {
			exp = append(exp, e...)
			continue
		}
		exp = append(exp, w)
	}
	return exp
}

// sizesAsStorage reads the sizes of a question ("10 Go c'est tout ?",
// "50GB") as a word about storage. Only questions: an answer giving sizes
// is not for that about storage ("vidéos jusqu'à 4 Go").
func (l *lexicon) sizesAsStorage(ws []string) {
	for i, w := range ws {
		if l.sizeUnit(w, i > 0 && isNumber(ws[i-1])) {
			ws[i] = "gigaoctets"
		}
	}
}

// sizeUnit reports whether w is a size unit after a number, or a number
// with one glued to it ("50gb").
func (l *lexicon) sizeUnit(w string, afterNumber bool) bool {
	if afterNumber {
		return l.role.sizeUnits[w]
	}
	i := strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' })
	return i > 0 && l.role.sizeUnits[w[i:]]
}

func (l *lexicon) analyzeWords(exp []string) []Token { return l.analyzeCached(exp, nil) }

// wordCache remembers each word's term and stem while a KB is indexed:
// the same words come back in entry after entry.
type wordCache struct{ terms, stems map[string]string }

func newWordCache() *wordCache {
	return &wordCache{terms: map[string]string{}, stems: map[string]string{}}
}

// analyzeCached is analyzeWords remembering each word's term in cache
// (when not nil), which makes indexing a large KB much cheaper.
func (l *lexicon) analyzeCached(exp []string, cache *wordCache) []Token {
	toks := make([]Token, 0, len(exp))
	st := newStems(exp, cache)
	for i := 0; i < len(exp); {
		// longest multi-word expression first
		if n, concept, keep := l.matchPhrase(st, i); n > 0 {
			// a verb-object expression stands for several concepts
			w := strings.Join(exp[i:i+n], " ")
			if concept == "" {
				// a fixed expression that carries no topic
				toks = append(toks, Token{Word: w})
			}
			for _, c := range strings.Fields(concept) {
				toks = append(toks, Token{Word: w, Term: c})
			}
			if keep {
				// a glossary's name of several words: « la conseillère »
				// alone still finds « conseillère numérique »
				for _, x := range exp[i : i+n] {
					toks = append(toks, Token{Word: x, Term: l.termOf(x)})
				}
			}
			i += n
			continue
		}
		w := exp[i]
		i++
		if cache == nil {
			toks = append(toks, Token{Word: w, Term: l.termOf(w)})
			continue
		}
		t, ok := cache.terms[w]
		if !ok {
			t = l.termOf(w)
			cache.terms[w] = t
		}
		toks = append(toks, Token{Word: w, Term: t})
	}
	openedAccounts(toks)
	return toks
}

// openedAccounts reads "opening an account" as creating one ("l'ouverture
// d'un compte", "ouvrir mon compte Nuage"): the verb alone is the one of
// "les inscriptions sont ouvertes", "ouvrir un fichier".
func openedAccounts(toks []Token) {
	for i, t := range toks {
		if t.Term != "=open" {
			continue
		}
		for j, seen := i+1, 0; j < len(toks) && seen < 2; j++ {
			if toks[j].Term == "" {
				continue
			}
			if toks[j].Term == "=account" {
				toks[i].Term = "=create"
				break
			}
			seen++
		}
	}
}

// termOf maps one folded word to its index term ("" for a stop word).
func (l *lexicon) termOf(w string) string {
	if strings.HasSuffix(w, "'") || l.stop[w] {
		return ""
	}
	if c, ok := l.concept[w]; ok {
		return c
	}
	if isNumber(w) {
		return ""
	}
	if sl := stemLight(w); len(sl) >= 5 {
		if c, ok := l.conceptStem[sl]; ok {
			return c
		}

	}
	s := stem(w)
	if l.stopStem[s] {
		return ""
	}
	return s
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Terms returns the index terms of text, stop words dropped, in order.
func Terms(text string) []string {
	var out []string
	for _, t := range Analyze(text) {
		if t.Term != "" {
			out = append(out, t.Term)
		}
	}
	return out
}
