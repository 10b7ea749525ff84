package sqlstore

import (
	"context"
	"time"

	"codeberg.org/entraide/entraide/tickets"
)

// LabelHistory implements tickets.LabelSource.
func (s TicketQueries) LabelHistory(ctx context.Context, since time.Time) ([]tickets.AnswerOutcome, []tickets.TicketOutcome, error) {
	answers, err := s.answerOutcomes(ctx, since)
	if err != nil {
		return nil, nil, err
	}
	tickets, err := s.ticketOutcomes(ctx, since)
	if err != nil {
		return nil, nil, err
	}
	return answers, tickets, nil
}

// Booleans are cast: SQLite keeps them as integers, PostgreSQL as
// booleans, and CAST reads both the same.
func (s TicketQueries) answerOutcomes(ctx context.Context, since time.Time) ([]tickets.AnswerOutcome, error) {
	rows, err := s.query(ctx, `SELECT a.id, a.entry_id, a.question, a.lang, a.picked, a.at,
			COALESCE(SUM(CAST(f.helpful AS INTEGER)), 0), COALESCE(SUM(1 - CAST(f.helpful AS INTEGER)), 0),
			COALESCE(MAX(CASE WHEN f.user_adapter = a.adapter AND f.user_id = a.user_id
				THEN 2 * CAST(f.helpful AS INTEGER) - 1 END), 0)
		FROM faq_answers a LEFT JOIN faq_feedback f ON f.answer_id = a.id
		WHERE a.community = ? AND a.at >= ?
		GROUP BY a.id
		HAVING COUNT(f.answer_id) > 0 OR CAST(a.picked AS INTEGER) = 1
		ORDER BY a.at, a.id`, s.community, MS(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tickets.AnswerOutcome
	for rows.Next() {
		var a tickets.AnswerOutcome
		var at int64
		if err := rows.Scan(&a.ID, &a.EntryID, &a.Question, &a.Lang, &a.Picked, &at, &a.Helpful, &a.NotHelpful,
			&a.AskerVote); err != nil {
			return nil, err
		}
		a.At = FromMS(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s TicketQueries) ticketOutcomes(ctx context.Context, since time.Time) ([]tickets.TicketOutcome, error) {
	// A ticket about an unhelpful answer holds the question with the
	// asker's complaint appended: the answer record has the question alone.
	rows, err := s.query(ctx, `SELECT t.number, t.origin, t.question,
			COALESCE((SELECT NULLIF(a.question, '') FROM faq_answers a WHERE a.community = t.community
				AND a.ticket_id = t.number ORDER BY a.id LIMIT 1), ''),
			t.lang, t.created_at,
			EXISTS(SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'answer')
		FROM tickets t
		WHERE t.community = ? AND t.created_at >= ? AND CAST(t.purged AS INTEGER) = 0
		ORDER BY t.created_at, t.id`, s.community, MS(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tickets.TicketOutcome
	for rows.Next() {
		var t tickets.TicketOutcome
		var asked string
		var created int64
		if err := rows.Scan(&t.ID, &t.Origin, &t.Question, &asked, &t.Lang, &created, &t.Answered); err != nil {
			return nil, err
		}
		if t.Origin == tickets.OriginFeedback {
			t.Question = asked // "" when erased: no label
		}
		t.Created = FromMS(created)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	drafts, err := s.drafts(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Drafts = drafts[out[i].ID]
	}
	return out, nil
}

// drafts lists, per ticket, the ids of the FAQ drafts written from it,
// oldest first.
func (s TicketQueries) drafts(ctx context.Context) (map[int64][]string, error) {
	rows, err := s.query(ctx, `SELECT t.number, e.note FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
		WHERE t.community = ? AND e.kind = ? AND e.note <> '' ORDER BY e.id`, s.community, tickets.DraftEvent)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var note string
		if err := rows.Scan(&id, &note); err != nil {
			return nil, err
		}
		out[id] = append(out[id], note)
	}
	return out, rows.Err()
}
