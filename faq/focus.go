package faq

import "strings"

// Which words of a question say what it is about. Chat questions carry
// more than their topic: who is asking, which session, the story before
// the question. These helpers tell the matcher which words to weigh less.

// selfDescribed marks the word saying who the asker is ("je suis
// étudiant, la formation coûte combien ?", "I'm unemployed, do I pay
// less for the workshop?", "nous sommes une association de parents"): it
// is context, and the question is about the rest. A problem stated that
// way ("je suis bloqué") stays the topic.
//
// It also marks a product named only for comparison ("un truc type
// Google Docs", "une alternative libre à Doodle", "something like
// Slack"): the question asks for the kind of tool, not about that one.
func (l *lexicon) selfDescribed(toks []Token) map[int]bool {
	out := l.comparedTo(toks)
	for i, t := range toks {
		if !l.role.self[t.Word] && !(t.Word == "are" && i > 0 && toks[i-1].Word == "we") {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			if toks[j].Term == "" {
				continue
			}
			if !problemTerms[toks[j].Term] {
				if out == nil {
					out = map[int]bool{}
				}
				out[j] = true
			}
			break
		}
	}
	return out
}

// A date in a question asking to do something ("réserver pour la session
// d'avril", "cancel my place for next month") says which occasion, not
// that the question is about dates: with one of actionTerms, whenTerms
// weigh as little as common words.
var (
	actionTerms = wordSet("=signup =cancel =refund =postpone =pay =price =bring =lend =unsubscribe =delete")
	whenTerms   = wordSet("=date =next")
)

// comparedTo marks the products named after a comparison word.
func (l *lexicon) comparedTo(toks []Token) map[int]bool {
	var out map[int]bool
	for i, t := range toks {
		if !l.role.comparison[t.Word] {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			w := toks[j].Word
			if k := strings.IndexByte(w, ' '); k > 0 {
				w = w[:k] // an expression: "google docs"
			}
			if l.names[w] {
				if out == nil {
					out = map[int]bool{}
				}
				out[j] = true
				continue
			}
			if toks[j].Term != "" && !l.role.comparisonFill[w] {
				break
			}
		}
	}
	return out
}

// problemTerms say the asker has a problem: "je suis bloqué" is the topic,
// not who the asker is.
var problemTerms = wordSet("=error =outage =work =lost =forgot =wait")

// askedPart returns the terms of the sentences that ask something, when a
// message also has sentences that do not ("Bonjour, je suis trésorière
// d'un comité de quartier. Notre bureau a voté l'adhésion. Quelles sont
// les étapes pour nous inscrire ?"): the words of the setting weigh
// contextFactor of those of the question. nil when every sentence asks or
// none does.
func (l *lexicon) askedPart(text string) map[string]bool {
	if one := strings.TrimRight(text, "?!. \n"); !strings.Contains(text, "?") || !strings.ContainsAny(one, ".!?\n") {
		return nil // no question mark, or a single sentence
	}
	var asked, other bool
	var out map[string]bool
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && !strings.ContainsRune(".!?\n", rune(text[i])) {
			continue
		}
		sentence := text[start:i]
		q := i < len(text) && text[i] == '?'
		start = i + 1
		toks := l.analyzeWords(l.expandWords(sentence))
		content := false
		for _, t := range toks {
			if t.Term != "" {
				content = true
				if q {
					if out == nil {
						out = map[string]bool{}
					}
					out[t.Term] = true
				}
			}
		}
		if !content {
			continue
		}
		if q {
			asked = true
		} else {
			other = true
		}
	}
	if !asked || !other {
		return nil
	}
	return out
}

// contextFactor scales the words of a message's setting against those of
// its question.
var contextFactor = 0.7
