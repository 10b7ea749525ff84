package tickets

import (
	"context"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Label is one question from the bot's history with the FAQ entry that
// answers it, or none: a line of the labelled file "entraide faq calibrate"
// fits the matcher's confidence model on.
type Label struct {
	ID     string // "answer-12" or "ticket-7": stable across exports
	Text   string
	Lang   string
	Expect string // entry id; "" when the FAQ has no answer
	At     time.Time
}

// AnswerOutcome is a FAQ answer the bot gave and what people said of it.
type AnswerOutcome struct {
	ID       int64
	EntryID  string
	Question string // "" once erased by the retention policy
	Lang     string
	Picked   bool // the asker chose the entry by number from an offered list
	At       time.Time
	// Votes of everyone (one per person), and the asker's own: +1, -1 or 0.
	Helpful, NotHelpful int
	AskerVote           int
}

// TicketOutcome is a ticket and what became of it.
type TicketOutcome struct {
	ID       int64
	Origin   string // OriginUnanswered or OriginFeedback
	Question string // for OriginFeedback, the question the FAQ answer was given to
	Lang     string
	Answered bool     // a mentor relayed an answer
	Drafts   []string // ids of the FAQ drafts written from it, oldest first
	Created  time.Time
}

// LabelSource reads the history labels are drawn from.
type LabelSource interface {
	// LabelHistory returns the FAQ answers that had votes or were picked
	// from a list, and every ticket, since the time (zero: all), oldest
	// first. Texts erased by the retention policy come back empty.
	LabelHistory(ctx context.Context, since time.Time) ([]AnswerOutcome, []TicketOutcome, error)
}

// DraftEvent is the kind of the ticket event that records a FAQ draft
// written from the ticket; its note is the draft's entry id.
const DraftEvent = "draft"

// RecordFAQDraft notes in ticket id's history that its answer was written
// as the FAQ draft at path, so that labels know which entry answers the
// ticket's question once the draft is published.
func RecordFAQDraft(ctx context.Context, store Store, id int64, path string, by Actor, at time.Time) error {
	entry := strings.TrimSuffix(filepath.Base(path), ".md")
	_, err := store.UpdateTicket(ctx, id, Event{At: at, Kind: DraftEvent, Actor: by, Note: entry},
		func(*Ticket) error { return nil })
	return err
}

// Labels derives labelled questions from the history:
//
//   - a FAQ answer with more helpful than unhelpful votes expects its entry;
//     an entry picked by number from a list counts as the asker's helpful
//     vote unless the asker voted afterwards;
//   - a ticket turned into a FAQ draft expects the draft's entry (the last
//     one published, per published, else the last one written);
//   - a ticket opened because the FAQ had no answer, answered by a mentor
//     and not turned into a draft, expects no answer;
//   - everything else (no votes, as many unhelpful votes as helpful ones,
//     tickets still waiting or closed without an answer, a ticket about an
//     unhelpful answer without a draft, erased texts) is left out.
//
// Questions asked again in the same words (ignoring case and spacing) with
// the same label are kept once, the first time. published may be nil.
func Labels(answers []AnswerOutcome, tickets []TicketOutcome, published func(id string) bool) []Label {
	var out []Label
	for _, a := range answers {
		text := strings.TrimSpace(a.Question)
		if text == "" || a.EntryID == "" {
			continue
		}
		helpful := a.Helpful
		if a.Picked && a.AskerVote == 0 {
			helpful++
		}
		if helpful > a.NotHelpful {
			out = append(out, Label{ID: "answer-" + strconv.FormatInt(a.ID, 10), Text: text, Lang: a.Lang,
				Expect: a.EntryID, At: a.At})
		}
	}
	for _, t := range tickets {
		text := strings.TrimSpace(t.Question)
		if text == "" {
			continue
		}
		l := Label{ID: "ticket-" + strconv.FormatInt(t.ID, 10), Text: text, Lang: t.Lang, At: t.Created}
		switch {
		case len(t.Drafts) > 0:
			l.Expect = t.Drafts[len(t.Drafts)-1]
			for i := len(t.Drafts) - 1; published != nil && i >= 0; i-- {
				if published(t.Drafts[i]) {
					l.Expect = t.Drafts[i]
					break
				}
			}
		case t.Origin == OriginUnanswered && t.Answered:
		default:
			continue
		}
		out = append(out, l)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	seen := map[string]bool{}
	kept := out[:0]
	for _, l := range out {
		key := SameQuestion(l.Text) + "\x00" + l.Expect
		if seen[key] {
			continue
		}
		seen[key] = true
		kept = append(kept, l)
	}
	return kept
}

// SameQuestion is the form under which two question texts count as the
// same: lower case, spacing collapsed.
func SameQuestion(text string) string {
	return strings.Join(strings.Fields(strings.ToLower(text)), " ")
}
