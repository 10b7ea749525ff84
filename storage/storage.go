package storage

import (
	"context"
	"database/sql"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/postgres"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// Store is one open database: every durable record the bot keeps, through
// the core's interfaces.
type Store interface {
	bot.Journal
	bot.JournalPurger
	bot.AnnounceStore
	tickets.Store
	tickets.LabelSource
	TicketStats

	// SQL is the database handle and its dialect as mautrix's dbutil names
	// it ("sqlite3", "postgres"): the Matrix adapter keeps its room state
	// and crypto tables in the same database.
	SQL() (db *sql.DB, dialect string)
	// In is the part of the store one community owns: its tickets,
	// numbered from 1, its FAQ answers and their feedback. The store's own
	// ticket methods are those of the bot without communities (In("")).
	In(community string) CommunityStore
	// AdoptTickets gives the tickets and answers recorded before the
	// database knew communities to community, keeping their numbers, and
	// returns how many tickets moved.
	AdoptTickets(ctx context.Context, community string) (int, error)
	// Where names the database for messages, without any secret.
	Where() string
	Close() error
}

// CommunityStore is one community's tickets, answers and feedback.
type CommunityStore interface {
	tickets.Store
	tickets.LabelSource
	TicketStats
}

// TicketStats are the ticket figures read at each metrics scrape.
type TicketStats interface {
	CountByState(ctx context.Context) (map[string]int, error)
	FirstAnswerDelays(ctx context.Context) ([]time.Duration, error)
}

// Open opens the database named by the database setting, applying pending
// migrations: a postgres:// URL is a Postgres server (password, when not
// empty, replaces the URL's), anything else a SQLite file.
func Open(ctx context.Context, database, password string) (Store, error) {
	if postgres.IsURL(database) {
		db, err := postgres.Open(ctx, database, password)
		if err != nil {
			return nil, err
		}
		return postgresStore{DB: db, TicketStore: db.In("")}, nil
	}
	db, err := sqlite.Open(ctx, database)
	if err != nil {
		return nil, err
	}
	return sqliteStore{DB: db, TicketStore: sqlite.NewTicketStore(db)}, nil
}

// OpenReadOnly is Open for commands that only read: a SQLite file that
// cannot be written (a copy on a read-only disk) is read as it is, without
// migrations. A Postgres database opens as with Open.
func OpenReadOnly(ctx context.Context, database, password string) (Store, error) {
	if postgres.IsURL(database) {
		return Open(ctx, database, password)
	}
	db, err := sqlite.OpenReadOnly(ctx, database)
	if err != nil {
		return nil, err
	}
	return sqliteStore{DB: db, TicketStore: sqlite.NewTicketStore(db)}, nil
}

// sqliteStore joins the two halves of a SQLite database.
type sqliteStore struct {
	*sqlite.DB
	*sqlite.TicketStore
}

func (s sqliteStore) SQL() (*sql.DB, string) { return s.DB.DB, "sqlite3" }

func (s sqliteStore) Where() string { return s.Path }

func (s sqliteStore) In(community string) CommunityStore { return s.TicketStore.In(community) }

type postgresStore struct {
	*postgres.DB
	*postgres.TicketStore
}

func (s postgresStore) In(community string) CommunityStore { return s.DB.In(community) }

func (s postgresStore) SQL() (*sql.DB, string) { return s.DB.DB, "postgres" }

// Leaser is a store that several instances can share: a leader lease
// decides which one talks to the chat servers. Postgres stores are
// Leasers; a SQLite file belongs to one instance.
type Leaser interface {
	AcquireLease(ctx context.Context, name, holder string, ttl time.Duration) (term int64, err error)
	RenewLease(ctx context.Context, name, holder string, term int64, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, holder string, term int64) error
}
