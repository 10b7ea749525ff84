package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/tickets"
)

func newTicket(q string) *tickets.Ticket {
	return &tickets.Ticket{Origin: tickets.OriginUnanswered, Asker: bot.User{ID: "alice"},
		Room: bot.Room{Adapter: "console", ID: "support"}, Question: q, Lang: "fr",
		Created: time.Now(), Updated: time.Now()}
}

// Deleting or replacing the -wal file under a running bot used to go
// unnoticed: tickets were acknowledged, then lost at the next crash and
// their numbers given again. Now every write is refused, saying why.
func TestRemovedOrReplacedWALStopsWrites(t *testing.T) {
	for _, how := range []string{"removed", "replaced"} {
		t.Run(how, func(t *testing.T) {
			db, path := openTemp(t)
			store := NewTicketStore(db)
			ctx := context.Background()
			if err := store.CreateTicket(ctx, newTicket("première")); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(path + "-wal"); err != nil {
				t.Fatal(err)
			}
			if how == "replaced" {
				if err := os.WriteFile(path+"-wal", nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := store.CreateTicket(ctx, newTicket("seconde"))
			if err == nil || !strings.Contains(err.Error(), path+"-wal") || !strings.Contains(err.Error(), how) {
				t.Fatalf("want a refusal naming the -wal file, got %v", err)
			}
		})
	}
}

// Idle connections closing must not read as a lost WAL: the database
// keeps one connection, so SQLite never removes its own -wal while open.
func TestWALSurvivesIdleConnections(t *testing.T) {
	db, _ := openTemp(t)
	store := NewTicketStore(db)
	ctx := context.Background()
	db.SetMaxIdleConns(0) // every pooled connection closes after use
	for i := range 3 {
		if err := store.CreateTicket(ctx, newTicket("question "+string(rune('a'+i)))); err != nil {
			t.Fatal(err)
		}
	}
}

// A backup is a consistent copy that opens on its own, while the source
// stays open and writable; an existing file is never overwritten.
func TestBackupCopiesTheLiveDatabase(t *testing.T) {
	db, _ := openTemp(t)
	store := NewTicketStore(db)
	ctx := context.Background()
	if err := store.CreateTicket(ctx, newTicket("sauvegardée ?")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copie.db")
	if err := db.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, dest); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("an existing file must not be overwritten, got %v", err)
	}
	if err := store.CreateTicket(ctx, newTicket("après")); err != nil {
		t.Fatal(err)
	}
	copyDB, err := Open(ctx, dest)
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	got, err := NewTicketStore(copyDB).Tickets(ctx, tickets.Filter{})
	if err != nil || len(got) != 1 || got[0].Question != "sauvegardée ?" {
		t.Fatalf("backup holds %v (%v), want the one ticket written before it", got, err)
	}
}
