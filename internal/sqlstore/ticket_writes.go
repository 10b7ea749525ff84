package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/tickets"
)

// CreateTicket implements tickets.Store: the ticket row and its "open"
// event are committed together before it returns.
func (s TicketQueries) CreateTicket(ctx context.Context, t *tickets.Ticket) error {
	return s.conn.Tx(ctx, func(tx *sql.Tx) error {
		if t.MsgID != "" && t.Origin == tickets.OriginUnanswered {
			// The same message handled again (an adapter resuming after a
			// crash, or another instance): the ticket it opened, not a
			// second one. Same asker and words too: some adapters' ids
			// restart with the process. The lock on the message makes a
			// concurrent creation wait and then find this one.
			if err := s.d.lock(ctx, tx, t.Room.Adapter+"\n"+t.Room.ID+"\n"+t.MsgID); err != nil {
				return err
			}
			old, err := ScanTicket(tx.QueryRowContext(ctx, s.d.Rebind(`SELECT `+TicketCols+` FROM tickets
				WHERE community = ? AND adapter = ? AND room_id = ? AND msg_id = ? AND origin = ? AND asker_id = ?
				AND question = ? ORDER BY id LIMIT 1`),
				s.community, t.Room.Adapter, t.Room.ID, t.MsgID, t.Origin, t.Asker.ID, t.Question))
			if err == nil {
				*t = *old
				t.Repeat = true
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		return s.insertTicket(ctx, tx, t)
	})
}

// insertTicket writes t and its "open" event, and sets t.ID to the next
// number of the community (and t.State, when empty, to open). The lock on
// the community makes concurrent tickets take their numbers in turn.
func (s TicketQueries) insertTicket(ctx context.Context, tx *sql.Tx, t *tickets.Ticket) error {
	if t.State == "" {
		t.State = tickets.Open
	}
	context, err := tickets.EncodeContext(t.Context)
	if err != nil {
		return err
	}
	if err := s.d.lock(ctx, tx, "tickets of community\n"+s.community); err != nil {
		return err
	}
	var number int64
	if err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT COALESCE(MAX(number), 0) + 1 FROM tickets WHERE community = ?`),
		s.community).Scan(&number); err != nil {
		return err
	}
	var id int64
	err = tx.QueryRowContext(ctx, s.d.Rebind(`INSERT INTO tickets(community, number, state, origin, adapter, room_id, room_name,
		room_direct, asker_id, asker_name, msg_id, thread_id, question, lang, entry_id, guesses, created_at, updated_at,
		context) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`),
		s.community, number, string(t.State), t.Origin, t.Room.Adapter, t.Room.ID, t.Room.Name, t.Room.Direct, t.Asker.ID, t.Asker.Name,
		t.MsgID, t.ThreadID, t.Question, t.Lang, t.EntryID, strings.Join(t.Guesses, ","), MS(t.Created), MS(t.Updated), context).Scan(&id)
	if err != nil {
		return err
	}
	ev := tickets.Event{TicketID: id, At: t.Created, Kind: "open",
		Actor: tickets.ActorOf(t.Room.Adapter, t.Asker), To: t.State}
	if err := s.d.InsertEvent(ctx, tx, ev); err != nil {
		return err
	}
	t.ID = number
	return nil
}

// UpdateTicket implements tickets.Store. The ticket's row is locked from
// the read to the commit (Dialect.ForUpdate, or the engine's single
// writer), so the check done by apply and the write cannot interleave with
// another update of the same ticket.
func (s TicketQueries) UpdateTicket(ctx context.Context, id int64, ev tickets.Event, apply func(t *tickets.Ticket) error) (*tickets.Ticket, error) {
	var out *tickets.Ticket
	err := s.conn.Tx(ctx, func(tx *sql.Tx) error {
		var row int64
		err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT id FROM tickets WHERE community = ? AND number = ?`+s.d.ForUpdate),
			s.community, id).Scan(&row)
		if errors.Is(err, sql.ErrNoRows) {
			return tickets.ErrNoTicket
		}
		if err != nil {
			return err
		}
		t, err := ScanTicket(tx.QueryRowContext(ctx, s.d.Rebind(`SELECT `+TicketCols+` FROM tickets WHERE id = ?`), row))
		if err != nil {
			return err
		}
		from := t.State
		if err := apply(t); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.d.Rebind(`UPDATE tickets SET state=?, mentor_adapter=?, mentor_id=?, mentor_name=?, answer=?,
			updated_at=?, reminded_at=?, resolved_at=? WHERE id=?`),
			string(t.State), t.Mentor.Adapter, t.Mentor.ID, t.Mentor.Name, t.Answer,
			MS(t.Updated), MS(t.Reminded), MS(t.Resolved), row)
		if err != nil {
			return err
		}
		ev.TicketID, ev.From, ev.To = row, from, t.State
		if err := s.d.InsertEvent(ctx, tx, ev); err != nil {
			return err
		}
		ev.TicketID = id
		out = t
		return nil
	})
	return out, err
}

// SetNotice implements tickets.Store: id is the ticket's number in the
// community, not its row.
func (s TicketQueries) SetNotice(ctx context.Context, id int64, noticeID string) error {
	_, err := s.exec(ctx, `UPDATE tickets SET notice_id = ? WHERE community = ? AND number = ?`, noticeID, s.community, id)
	return err
}

// RecordAnswer implements tickets.FeedbackStore.
func (s TicketQueries) RecordAnswer(ctx context.Context, a *tickets.AnswerRecord) error {
	return s.queryRow(ctx, `INSERT INTO faq_answers(community, adapter, room_id, room_name, room_direct, user_id,
		user_name, msg_id, thread_id, sent_id, entry_id, question, lang, at, picked) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		s.community, a.Room.Adapter, a.Room.ID, a.Room.Name, a.Room.Direct, a.Asker.ID, a.Asker.Name, a.MsgID, a.ThreadID,
		a.SentID, a.EntryID, a.Question, a.Lang, MS(a.At), a.Picked).Scan(&a.ID)
}

// OpenAnswerTicket implements tickets.FeedbackStore. The answer's row is
// locked from the read to the commit, so two votes on one answer cannot
// both find it without a ticket.
func (s TicketQueries) OpenAnswerTicket(ctx context.Context, answerID int64, t *tickets.Ticket) (bool, error) {
	var created bool
	err := s.conn.Tx(ctx, func(tx *sql.Tx) error {
		var existing int64
		err := tx.QueryRowContext(ctx, s.d.Rebind(`SELECT ticket_id FROM faq_answers WHERE id = ? AND community = ?`+s.d.ForUpdate),
			answerID, s.community).Scan(&existing)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("no FAQ answer %d", answerID)
		}
		if err != nil {
			return err
		}
		if existing != 0 {
			t.ID = existing
			return nil
		}
		if err := s.insertTicket(ctx, tx, t); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.d.Rebind(`UPDATE faq_answers SET ticket_id = ? WHERE id = ?`), t.ID, answerID)
		created = err == nil
		return err
	})
	return created && err == nil, err
}

// AdoptTickets gives the tickets and FAQ answers recorded before the
// database knew communities to community, keeping their numbers. It
// returns how many tickets moved; once done it finds nothing more.
func (db Records) AdoptTickets(ctx context.Context, community string) (int, error) {
	var n int64
	err := db.conn.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, db.d.Rebind(`UPDATE tickets SET community = ? WHERE community = ''`), community)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, db.d.Rebind(`UPDATE faq_answers SET community = ? WHERE community = ''`), community)
		return err
	})
	return int(n), err
}

// PurgeResolved implements tickets.Store: questions, answers, names of
// askers and answer texts in the history are blanked; states, dates, rooms
// and counts stay for statistics.
func (s TicketQueries) PurgeResolved(ctx context.Context, before time.Time) (int, error) {
	var n int
	err := s.conn.Tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.d.Rebind(`SELECT id FROM tickets WHERE community = ? AND state = ?
			AND CAST(purged AS INTEGER) = 0 AND resolved_at > 0 AND resolved_at < ?`+s.d.ForUpdate), s.community, string(tickets.Resolved), MS(before))
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, s.d.Rebind(`UPDATE tickets SET question = '', answer = '', asker_name = '',
				context = '', purged = ? WHERE id = ?`), true, id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.d.Rebind(`UPDATE ticket_events SET note = '' WHERE ticket_id = ?`), id); err != nil {
				return err
			}
			if err := s.d.InsertEvent(ctx, tx, tickets.Event{TicketID: id, At: time.Now(), Kind: "purge",
				From: tickets.Resolved, To: tickets.Resolved}); err != nil {
				return err
			}
		}
		n = len(ids)
		_, err = tx.ExecContext(ctx, s.d.Rebind(`UPDATE faq_answers SET question = '' WHERE community = ? AND at < ? AND question <> ''`),
			s.community, MS(before))
		return err
	})
	return n, err
}
