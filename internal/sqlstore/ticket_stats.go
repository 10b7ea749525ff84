package sqlstore

import (
	"context"
	"time"
)

// CountByState returns how many tickets are in each state.
func (s TicketQueries) CountByState(ctx context.Context) (map[string]int, error) {
	rows, err := s.query(ctx, `SELECT state, COUNT(*) FROM tickets WHERE community = ? GROUP BY state`, s.community)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// FirstAnswerDelays returns, for every ticket a mentor answered, the time
// from its creation to the first answer.
func (s TicketQueries) FirstAnswerDelays(ctx context.Context) ([]time.Duration, error) {
	rows, err := s.query(ctx, `SELECT MIN(e.at) - t.created_at FROM tickets t
		JOIN ticket_events e ON e.ticket_id = t.id AND e.kind = 'answer' WHERE t.community = ? GROUP BY t.id`, s.community)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []time.Duration
	for rows.Next() {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, time.Duration(d)*time.Millisecond)
	}
	return out, rows.Err()
}

// EntryUsage implements tickets.FeedbackStore: the community's answers
// and its "merci" votes, counted per entry.
func (s TicketQueries) EntryUsage(ctx context.Context) (answers, thanks map[string]int, err error) {
	answers, err = s.countByEntry(ctx, `SELECT entry_id, COUNT(*) FROM faq_answers WHERE community = ? GROUP BY entry_id`)
	if err != nil {
		return nil, nil, err
	}
	thanks, err = s.countByEntry(ctx, `SELECT f.entry_id, COUNT(*) FROM faq_feedback f JOIN faq_answers a ON a.id = f.answer_id
		WHERE a.community = ? AND CAST(f.helpful AS INTEGER) = 1 AND f.source = 'text' GROUP BY f.entry_id`)
	if err != nil {
		return nil, nil, err
	}
	return answers, thanks, nil
}

// countByEntry runs query, whose rows are an FAQ entry id and a count and
// whose one parameter is the community, and returns the counts by entry id.
func (s TicketQueries) countByEntry(ctx context.Context, query string) (map[string]int, error) {
	rows, err := s.query(ctx, query, s.community)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
