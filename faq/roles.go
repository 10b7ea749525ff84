package faq

import (
	"sort"
	"strings"
)

// wordRoles are the small word classes the matcher's reading of a
// question relies on ("combien de X", "vous proposez un X ?", "un truc
// type Doodle"): the [word roles] of the language packs. The grammar
// that uses them stays in the code.
type wordRoles struct {
	numbers        map[string]bool // spelt-out numbers that state a quantity ("trois", not "un")
	timeUnits      map[string]bool // words that make a number a duration
	durationWords  map[string]bool // words asking for a duration ("combien de temps")
	vagueCounts    map[string]bool // make a duration of the unit after them ("quelques jours")
	offerVerbs     map[string]bool // follow "vous"/"you" in a question about what is offered
	determiners    map[string]bool // open the object of such a question
	ownDeterminers map[string]bool // open the object of a "can we" question too
	genericVerbs   map[string]bool // say nothing of their own in "on peut X un Y ?"
	also           map[string]bool // may stand between the verb and its object
	possessives    map[string]bool // may stand between a determiner and the object
	genericNouns   map[string]bool // make "is there a way to..." a question about doing
	available      map[string]bool // end a question asking whether something is offered
	comparison     map[string]bool // introduce a product named for comparison ("type", "like")
	comparisonFill map[string]bool // may stand between one and the product ("libre")
	self           map[string]bool // say who the asker is ("suis", "am")
	negations      map[string]bool // after small talk, make it a problem ("ça marche pas")
	sizeUnits      map[string]bool // units of data size after a number
}

// roleNames are the role names a pack may use, each with its field.
func (r *wordRoles) byName() map[string]*map[string]bool {
	return map[string]*map[string]bool{
		"numbers": &r.numbers, "time units": &r.timeUnits, "duration words": &r.durationWords,
		"vague counts": &r.vagueCounts, "offer verbs": &r.offerVerbs, "determiners": &r.determiners,
		"own determiners": &r.ownDeterminers, "generic verbs": &r.genericVerbs, "also": &r.also,
		"possessives": &r.possessives, "generic nouns": &r.genericNouns, "available": &r.available,
		"comparison": &r.comparison, "comparison fillers": &r.comparisonFill, "self": &r.self,
		"negations": &r.negations, "size units": &r.sizeUnits,
	}
}

func newWordRoles() wordRoles {
	var r wordRoles
	for _, m := range r.byName() {
		*m = map[string]bool{}
	}
	return r
}

// roleNameList lists the role names for messages.
func roleNameList() string {
	var r wordRoles
	var names []string
	for n := range r.byName() {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
