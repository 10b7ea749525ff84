package faq

// Decision is what the bot should do with a question.
type Decision int

const (
	Abstain Decision = iota // not confident: escalate to humans
	Suggest                 // unsure: offer the Suggestions as "did you mean"
	Answer                  // confident: answer with Entry
)

func (d Decision) String() string {
	switch d {
	case Answer:
		return "answer"
	case Suggest:
		return "suggest"
	}
	return "abstain"
}

// Result is a matcher's verdict on one question.
type Result struct {
	Decision    Decision
	Entry       *Entry   // best entry; nil when nothing matched at all
	Score       float64  // calibrated confidence in Entry, 0..1
	Suggestions []*Entry // runners-up, best first (for "did you mean" and mentor notices)
	// SeeAlso holds, beside an answer, the runners-up that scored almost
	// as well: on a close call the asker is offered them too.
	SeeAlso []*Entry
	Lang    string // detected language of the question ("fr" or "en")
	// Chitchat is "greeting", "thanks", "farewell", "presence", "other"
	// or "": small talk is never answered from the FAQ.
	Chitchat string
	// Vague is set when the message has no word of substance ("et vous
	// ?", "c'est pour quoi ?"): there is nothing to look up or hand over.
	Vague bool
}

// Matcher picks an entry for a question. lang is a hint ("" when unknown).
// Implementations must be safe for concurrent use.
type Matcher interface {
	Match(text, lang string) Result
}
