package bot

import "context"

// Hook sees a request at one stage of routing and returns true when it has
// fully handled it, which stops routing.
type Hook func(ctx context.Context, req *Request) bool

// AnswerHook is told about every FAQ answer the bot sent (feedback, metrics).
type AnswerHook func(ctx context.Context, req *Request, sentID string)

// Before adds a hook run on every message before commands and the FAQ
// (rate limits, feedback on a previous answer). Hooks run in the order added.
func (b *Bot) Before(h Hook) { b.before = append(b.before, h) }

// BeforeFirst adds a Before hook that runs ahead of every hook added with
// Before, whatever the order features were wired in: a rate limit must drop
// a flood before any feature spends work on it. Hooks added with BeforeFirst
// run in the order added.
func (b *Bot) BeforeFirst(h Hook) {
	b.before = append(b.before, nil)
	copy(b.before[b.firstBefore+1:], b.before[b.firstBefore:])
	b.before[b.firstBefore] = h
	b.firstBefore++
}

// Unanswered adds a hook run when the FAQ has no confident answer
// (announcements, tickets). The first hook returning true wins; when none
// does, the bot says it does not know yet.
func (b *Bot) Unanswered(h Hook) { b.unanswered = append(b.unanswered, h) }

// Unsure adds a hook run when the FAQ would only offer "did you mean"
// suggestions; a hook returning true replaces them (a question about the
// next trainings is better answered with the dates than with FAQ titles).
func (b *Bot) Unsure(h Hook) { b.unsure = append(b.unsure, h) }

// Answered adds a hook run after the bot sent a FAQ answer.
func (b *Bot) Answered(h AnswerHook) { b.answered = append(b.answered, h) }

// OnReaction adds a handler for reactions (👍/👎 feedback).
func (b *Bot) OnReaction(h func(ctx context.Context, r Reaction)) {
	b.reactions = append(b.reactions, h)
}
