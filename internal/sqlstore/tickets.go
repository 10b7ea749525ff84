package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/tickets"
)

// TicketCols read number into Ticket.ID: the number its community knows it by.
const TicketCols = `number, state, origin, adapter, room_id, room_name, room_direct, asker_id, asker_name, msg_id, thread_id,
	question, lang, entry_id, guesses, mentor_adapter, mentor_id, mentor_name, answer,
	created_at, updated_at, reminded_at, resolved_at, purged, notice_id, context`

// Scanner is a row: *sql.Row or *sql.Rows.
type Scanner interface{ Scan(dest ...any) error }

// ScanTicket reads a row of TicketCols.
func ScanTicket(s Scanner) (*tickets.Ticket, error) {
	var t tickets.Ticket
	var state, guesses, context string
	var created, updated, reminded, resolved int64
	err := s.Scan(&t.ID, &state, &t.Origin, &t.Room.Adapter, &t.Room.ID, &t.Room.Name, &t.Room.Direct,
		&t.Asker.ID, &t.Asker.Name, &t.MsgID, &t.ThreadID, &t.Question, &t.Lang, &t.EntryID, &guesses,
		&t.Mentor.Adapter, &t.Mentor.ID, &t.Mentor.Name, &t.Answer, &created, &updated, &reminded, &resolved, &t.Purged,
		&t.NoticeID, &context)
	if err != nil {
		return nil, err
	}
	if t.Context, err = tickets.DecodeContext(context); err != nil {
		return nil, fmt.Errorf("ticket %d: %w", t.ID, err)
	}
	t.State = tickets.State(state)
	if guesses != "" {
		t.Guesses = strings.Split(guesses, ",")
	}
	t.Created, t.Updated, t.Reminded, t.Resolved = FromMS(created), FromMS(updated), FromMS(reminded), FromMS(resolved)
	return &t, nil
}

// InsertEvent records ev in the ticket's history.
func (d Dialect) InsertEvent(ctx context.Context, tx *sql.Tx, ev tickets.Event) error {
	_, err := tx.ExecContext(ctx, d.Rebind(`INSERT INTO ticket_events(ticket_id, at, kind, actor_adapter, actor_id, actor_name,
		from_state, to_state, note) VALUES(?,?,?,?,?,?,?,?,?)`),
		ev.TicketID, MS(ev.At), ev.Kind, ev.Actor.Adapter, ev.Actor.ID, ev.Actor.Name, string(ev.From), string(ev.To), ev.Note)
	return err
}

// Ticket implements tickets.Store.
func (s TicketQueries) Ticket(ctx context.Context, id int64) (*tickets.Ticket, error) {
	t, err := ScanTicket(s.queryRow(ctx, `SELECT `+TicketCols+` FROM tickets WHERE community = ? AND number = ?`,
		s.community, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tickets.ErrNoTicket
	}
	return t, err
}

// Tickets implements tickets.Store.
func (s TicketQueries) Tickets(ctx context.Context, f tickets.Filter) ([]*tickets.Ticket, error) {
	q := `SELECT ` + TicketCols + ` FROM tickets WHERE community = ?`
	args := []any{s.community}
	if len(f.States) > 0 {
		q += ` AND state IN (?` + strings.Repeat(",?", len(f.States)-1) + `)`
		for _, st := range f.States {
			args = append(args, string(st))
		}
	}
	q += ` ORDER BY created_at, id`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	return scanTickets(s.query(ctx, q, args...))
}

func scanTickets(rows *sql.Rows, err error) ([]*tickets.Ticket, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*tickets.Ticket
	for rows.Next() {
		t, err := ScanTicket(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TicketEvents implements tickets.Store.
func (s TicketQueries) TicketEvents(ctx context.Context, id int64) ([]tickets.Event, error) {
	rows, err := s.query(ctx, `SELECT t.number, e.at, e.kind, e.actor_adapter, e.actor_id, e.actor_name,
		e.from_state, e.to_state, e.note FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
		WHERE t.community = ? AND t.number = ? ORDER BY e.id`, s.community, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tickets.Event
	for rows.Next() {
		var ev tickets.Event
		var at int64
		var from, to string
		if err := rows.Scan(&ev.TicketID, &at, &ev.Kind, &ev.Actor.Adapter, &ev.Actor.ID, &ev.Actor.Name, &from, &to, &ev.Note); err != nil {
			return nil, err
		}
		ev.At, ev.From, ev.To = FromMS(at), tickets.State(from), tickets.State(to)
		out = append(out, ev)
	}
	return out, rows.Err()
}

// TicketByNotice implements tickets.Store.
func (s TicketQueries) TicketByNotice(ctx context.Context, noticeID string) (*tickets.Ticket, error) {
	if noticeID == "" {
		return nil, tickets.ErrNoTicket
	}
	t, err := ScanTicket(s.queryRow(ctx, `SELECT `+TicketCols+` FROM tickets WHERE community = ?
		AND notice_id = ? ORDER BY id DESC LIMIT 1`, s.community, noticeID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tickets.ErrNoTicket
	}
	return t, err
}

// AskerTickets implements tickets.Store.
func (s TicketQueries) AskerTickets(ctx context.Context, room bot.Room, askerID string) ([]*tickets.Ticket, error) {
	return scanTickets(s.query(ctx, `SELECT `+TicketCols+` FROM tickets WHERE community = ? AND adapter = ?
		AND room_id = ? AND asker_id = ? AND state <> ? ORDER BY id DESC`, s.community, room.Adapter, room.ID, askerID, string(tickets.Resolved)))
}

// MarkReminded implements tickets.Store.
func (s TicketQueries) MarkReminded(ctx context.Context, id int64, at time.Time) error {
	_, err := s.exec(ctx, `UPDATE tickets SET reminded_at = ? WHERE community = ? AND number = ?`,
		MS(at), s.community, id)
	return err
}

const answerCols = `id, adapter, room_id, room_name, room_direct, user_id, user_name, msg_id, thread_id, sent_id,
	entry_id, question, lang, at, feedback, ticket_id, picked`

func scanAnswer(s Scanner) (*tickets.AnswerRecord, error) {
	var a tickets.AnswerRecord
	var at int64
	err := s.Scan(&a.ID, &a.Room.Adapter, &a.Room.ID, &a.Room.Name, &a.Room.Direct, &a.Asker.ID, &a.Asker.Name,
		&a.MsgID, &a.ThreadID, &a.SentID, &a.EntryID, &a.Question, &a.Lang, &at, &a.Feedback, &a.TicketID, &a.Picked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a.At = FromMS(at)
	return &a, nil
}

// LastAnswer implements tickets.FeedbackStore.
func (s TicketQueries) LastAnswer(ctx context.Context, room bot.Room, userID string, since time.Time) (*tickets.AnswerRecord, error) {
	return scanAnswer(s.queryRow(ctx, `SELECT `+answerCols+` FROM faq_answers
		WHERE community = ? AND adapter = ? AND room_id = ? AND user_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT 1`,
		s.community, room.Adapter, room.ID, userID, MS(since)))
}

// AnswerBySentID implements tickets.FeedbackStore.
func (s TicketQueries) AnswerBySentID(ctx context.Context, adapter, sentID string) (*tickets.AnswerRecord, error) {
	return scanAnswer(s.queryRow(ctx, `SELECT `+answerCols+` FROM faq_answers
		WHERE community = ? AND adapter = ? AND sent_id = ? ORDER BY id DESC LIMIT 1`, s.community, adapter, sentID))
}

// AddFeedback implements tickets.FeedbackStore.
func (s TicketQueries) AddFeedback(ctx context.Context, f tickets.Feedback) error {
	return s.conn.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.d.Rebind(`INSERT INTO faq_feedback(answer_id, user_adapter, user_id, entry_id, helpful, source, at)
			VALUES(?,?,?,?,?,?,?) ON CONFLICT(answer_id, user_adapter, user_id) DO UPDATE SET
			helpful = excluded.helpful, source = excluded.source, at = excluded.at`),
			f.AnswerID, f.User.Adapter, f.User.ID, f.EntryID, f.Helpful, f.Source, MS(f.At))
		if err != nil || f.Source != "text" {
			return err
		}
		_, err = tx.ExecContext(ctx, s.d.Rebind(`UPDATE faq_answers SET feedback = ? WHERE id = ?`), true, f.AnswerID)
		return err
	})
}

// FeedbackStats implements tickets.FeedbackStore; ties go in byte order of
// the entry ids.
func (s TicketQueries) FeedbackStats(ctx context.Context) ([]tickets.FeedbackStat, error) {
	rows, err := s.query(ctx, `SELECT f.entry_id, SUM(CAST(f.helpful AS INTEGER)), SUM(1 - CAST(f.helpful AS INTEGER)) FROM faq_feedback f
		JOIN faq_answers a ON a.id = f.answer_id WHERE a.community = ?
		GROUP BY f.entry_id ORDER BY SUM(1 - CAST(f.helpful AS INTEGER)) DESC, SUM(CAST(f.helpful AS INTEGER)) ASC, f.entry_id`+s.d.ByteOrder,
		s.community)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tickets.FeedbackStat
	for rows.Next() {
		var st tickets.FeedbackStat
		if err := rows.Scan(&st.EntryID, &st.Helpful, &st.NotHelpful); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}
