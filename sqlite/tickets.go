package sqlite

import (
	"codeberg.org/entraide/entraide/internal/sqlstore"
	"codeberg.org/entraide/entraide/tickets"
)

func init() {
	register("tickets",
		`CREATE TABLE tickets (
			id           INTEGER PRIMARY KEY AUTOINCREMENT,
			state        TEXT NOT NULL,
			origin       TEXT NOT NULL,
			adapter      TEXT NOT NULL,
			room_id      TEXT NOT NULL,
			room_name    TEXT NOT NULL DEFAULT '',
			room_direct  INTEGER NOT NULL DEFAULT 0,
			asker_id     TEXT NOT NULL,
			asker_name   TEXT NOT NULL DEFAULT '',
			msg_id       TEXT NOT NULL DEFAULT '',
			thread_id    TEXT NOT NULL DEFAULT '',
			question     TEXT NOT NULL,
			lang         TEXT NOT NULL,
			entry_id     TEXT NOT NULL DEFAULT '',
			guesses      TEXT NOT NULL DEFAULT '',
			mentor_adapter TEXT NOT NULL DEFAULT '',
			mentor_id    TEXT NOT NULL DEFAULT '',
			mentor_name  TEXT NOT NULL DEFAULT '',
			answer       TEXT NOT NULL DEFAULT '',
			created_at   INTEGER NOT NULL,
			updated_at   INTEGER NOT NULL,
			reminded_at  INTEGER NOT NULL DEFAULT 0,
			resolved_at  INTEGER NOT NULL DEFAULT 0,
			purged       INTEGER NOT NULL DEFAULT 0
		)`,
		`CREATE INDEX tickets_by_state ON tickets(state, created_at)`,
		`CREATE TABLE ticket_events (
			id          INTEGER PRIMARY KEY AUTOINCREMENT,
			ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
			at          INTEGER NOT NULL,
			kind        TEXT NOT NULL,
			actor_adapter TEXT NOT NULL DEFAULT '',
			actor_id    TEXT NOT NULL DEFAULT '',
			actor_name  TEXT NOT NULL DEFAULT '',
			from_state  TEXT NOT NULL DEFAULT '',
			to_state    TEXT NOT NULL,
			note        TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX ticket_events_by_ticket ON ticket_events(ticket_id, id)`,
		`CREATE TABLE faq_answers (
			id         INTEGER PRIMARY KEY AUTOINCREMENT,
			adapter    TEXT NOT NULL,
			room_id    TEXT NOT NULL,
			room_name  TEXT NOT NULL DEFAULT '',
			room_direct INTEGER NOT NULL DEFAULT 0,
			user_id    TEXT NOT NULL,
			user_name  TEXT NOT NULL DEFAULT '',
			msg_id     TEXT NOT NULL DEFAULT '',
			thread_id  TEXT NOT NULL DEFAULT '',
			sent_id    TEXT NOT NULL DEFAULT '',
			entry_id   TEXT NOT NULL,
			question   TEXT NOT NULL DEFAULT '',
			lang       TEXT NOT NULL DEFAULT '',
			at         INTEGER NOT NULL,
			feedback   INTEGER NOT NULL DEFAULT 0,
			ticket_id  INTEGER NOT NULL DEFAULT 0
		)`,
		`CREATE INDEX faq_answers_by_user ON faq_answers(adapter, room_id, user_id, at)`,
		`CREATE INDEX faq_answers_by_sent ON faq_answers(adapter, sent_id)`,
		`CREATE TABLE faq_feedback (
			answer_id  INTEGER NOT NULL REFERENCES faq_answers(id),
			user_adapter TEXT NOT NULL,
			user_id    TEXT NOT NULL,
			entry_id   TEXT NOT NULL,
			helpful    INTEGER NOT NULL,
			source     TEXT NOT NULL,
			at         INTEGER NOT NULL,
			PRIMARY KEY (answer_id, user_adapter, user_id)
		)`,
		// answers chosen by number from a "did you mean" list: labels for
		// "entraide faq labels"
		`ALTER TABLE faq_answers ADD COLUMN picked INTEGER NOT NULL DEFAULT 0`,
		// a message handled again after a crash finds the ticket it opened
		`CREATE INDEX tickets_by_msg ON tickets(adapter, room_id, msg_id)`,
		// tickets as conversations: the notice in the mentors' room (the
		// root of its thread there), what the asker said before, and the
		// asker's open tickets looked up on each of their messages
		`ALTER TABLE tickets ADD COLUMN notice_id TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE tickets ADD COLUMN context TEXT NOT NULL DEFAULT ''`,
		`CREATE INDEX tickets_by_notice ON tickets(notice_id)`,
		`CREATE INDEX tickets_by_asker ON tickets(adapter, room_id, asker_id, state)`,
		// Communities: each numbers its tickets 1, 2, 3...; the row id stays
		// the key the other tables use. Tickets from before communities keep
		// their numbers and belong to no community until AdoptTickets gives
		// them to the first one.
		`ALTER TABLE tickets ADD COLUMN community TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE tickets ADD COLUMN number INTEGER NOT NULL DEFAULT 0`,
		`UPDATE tickets SET number = id`,
		`CREATE UNIQUE INDEX tickets_by_number ON tickets(community, number)`,
		`ALTER TABLE faq_answers ADD COLUMN community TEXT NOT NULL DEFAULT ''`,
	)
}

// TicketStore keeps tickets, their event history, FAQ answers and feedback.
type TicketStore struct {
	sqlstore.TicketQueries // the queries both engines share
	db                     *DB
}

// NewTicketStore returns the ticket store of db, for the bot without
// communities; In gives one community's.
func NewTicketStore(db *DB) *TicketStore { return ticketStore(db, "") }

func ticketStore(db *DB, community string) *TicketStore {
	return &TicketStore{TicketQueries: sqlstore.NewTicketQueries(db, dialect, community), db: db}
}

// In is the store of one community: its tickets numbered from 1, its FAQ
// answers and their feedback. It never reads or changes another's.
func (s *TicketStore) In(community string) *TicketStore {
	return ticketStore(s.db, community)
}

var _ tickets.Store = (*TicketStore)(nil)
