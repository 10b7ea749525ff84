package sqlstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
)

// Dialect is how an engine's SQL and locking differ from the shared code.
type Dialect struct {
	// Numbered placeholders ($1, $2...) instead of ?.
	Numbered bool
	// ForUpdate ends a SELECT whose rows the transaction then writes
	// (" FOR UPDATE"); empty where transactions hold the write lock from
	// their start.
	ForUpdate string
	// Lock, when set, takes a lock named key until the transaction ends,
	// so that concurrent writers of the same thing go in turn.
	Lock func(ctx context.Context, tx *sql.Tx, key string) error
	// ByteOrder follows an ORDER BY text column to sort it byte by byte
	// (` COLLATE "C"`); empty where that is the default.
	ByteOrder string
}

func (d Dialect) lock(ctx context.Context, tx *sql.Tx, key string) error {
	if d.Lock == nil {
		return nil
	}
	return d.Lock(ctx, tx, key)
}

// Rebind returns query in the dialect's placeholders. The shared queries
// hold no ? other than placeholders, in literals or comments.
func (d Dialect) Rebind(query string) string {
	if !d.Numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for {
		i := strings.IndexByte(query, '?')
		if i < 0 {
			b.WriteString(query)
			return b.String()
		}
		n++
		b.WriteString(query[:i])
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
		query = query[i+1:]
	}
}

// Conn is what the shared code needs of a backend's database: statements,
// and transactions taken the backend's way.
type Conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	Tx(ctx context.Context, fn func(tx *sql.Tx) error) error
}

// MS is t in Unix milliseconds, as times are stored (sortable, compact,
// zone-free); 0 for the zero time.
func MS(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// FromMS is the time stored as v by MS.
func FromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

// Records are the database-wide records: announcement posts and the
// handled-event journal.
type Records struct {
	conn Conn
	d    Dialect
}

// NewRecords returns the records kept in conn.
func NewRecords(conn Conn, d Dialect) Records { return Records{conn: conn, d: d} }

func (r Records) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.conn.ExecContext(ctx, r.d.Rebind(query), args...)
}

func (r Records) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.conn.QueryContext(ctx, r.d.Rebind(query), args...)
}

// TicketQueries are one community's tickets, FAQ answers and feedback, as far as
// both engines read them alike.
type TicketQueries struct {
	conn      Conn
	d         Dialect
	community string
}

// NewTicketQueries returns community's tickets kept in conn.
func NewTicketQueries(conn Conn, d Dialect, community string) TicketQueries {
	return TicketQueries{conn: conn, d: d, community: community}
}

func (s TicketQueries) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.conn.QueryContext(ctx, s.d.Rebind(query), args...)
}

func (s TicketQueries) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.conn.QueryRowContext(ctx, s.d.Rebind(query), args...)
}

func (s TicketQueries) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.conn.ExecContext(ctx, s.d.Rebind(query), args...)
}
