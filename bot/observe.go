package bot

import (
	"sync/atomic"
	"time"

	"codeberg.org/entraide/entraide/faq"
)

// Outcome is what the router did with one message.
type Outcome string

// Outcomes of routing, as seen by observers.
const (
	OutcomeOther    Outcome = "other"    // taken by a Before hook (rate limit, feedback), mentors' chatter, unknown command
	OutcomeCommand  Outcome = "command"  // a known !command ran
	OutcomeAnswer   Outcome = "answer"   // a FAQ entry was sent (directly or picked from a list)
	OutcomeSuggest  Outcome = "suggest"  // a "did you mean" list was sent
	OutcomeAbstain  Outcome = "abstain"  // the FAQ had no answer; Unanswered hooks or "don't know"
	OutcomeChitchat Outcome = "chitchat" // greeting or thanks
)

// Observer is told about every routed message once routing is over
// (metrics). It runs on the router's goroutine: it must be quick.
type Observer interface {
	Routed(req *Request, o Outcome, took time.Duration)
}

// Observe adds an observer.
func (b *Bot) Observe(o Observer) { b.observers = append(b.observers, o) }

// Replied reports how many replies were sent through req.Reply.
func (r *Request) Replied() int { return int(atomic.LoadInt32(&r.replies)) }

func (b *Bot) observe(req *Request, start time.Time) {
	if len(b.observers) == 0 {
		return
	}
	took := time.Since(start)
	o := outcomeOf(req)
	for _, ob := range b.observers {
		ob.Routed(req, o, took)
	}
}

func outcomeOf(req *Request) Outcome {
	switch {
	case req.Command != "":
		return OutcomeCommand
	case req.Match == nil:
		return OutcomeOther
	case req.Match.Chitchat != "":
		return OutcomeChitchat
	case req.Match.Decision == faq.Answer && req.Match.Entry != nil:
		return OutcomeAnswer
	case req.Match.Decision == faq.Suggest && len(req.Match.Suggestions) > 0:
		return OutcomeSuggest
	default:
		return OutcomeAbstain
	}
}
