package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
)

// BenchmarkThroughputStore routes questions through the core with the
// tickets feature on a database, so that every answer is recorded (for
// feedback) and every question the FAQ cannot answer becomes a ticket:
// the same messages on SQLite and on Postgres (a local cluster). Run it
// with -cpu 1 -benchtime 5s.
func BenchmarkThroughputStore(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		benchStore(b, filepath.Join(b.TempDir(), "entraide.db"), "")
	})
	b.Run("postgres", func(b *testing.B) {
		pg := testenv.StartPostgres(b)
		benchStore(b, pg.URL(pg.NewDatabase()), pg.Password)
	})
}

func benchStore(b *testing.B, database, password string) {
	ctx := context.Background()
	st, err := storage.Open(ctx, database, password)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	entries := genKB(1000, 11)
	bt, fa := benchBot(b, entries)
	if _, err := tickets.Enable(bt, st, tickets.Options{}); err != nil {
		b.Fatal(err)
	}
	var msgs []bot.Message
	for i := range 512 {
		e := entries[(i*37)%len(entries)]
		text := e.question
		if i%2 == 1 {
			text = fmt.Sprintf("est-ce que vous proposez un service de cartographie %d ?", i)
		}
		msgs = append(msgs, fa.Msg("support", fmt.Sprintf("user%d", i), text))
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		msg := msgs[i%len(msgs)]
		msg.Sender.ID = fmt.Sprintf("u%d", i)
		msg.ID = fmt.Sprintf("m%d", i)
		bt.Message(ctx, msg)
		i++
		if i%4096 == 0 {
			fa.Take()
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
	ts, err := st.Tickets(ctx, tickets.Filter{Limit: 1})
	if err != nil || len(ts) == 0 {
		b.Fatalf("no ticket stored: %v", err)
	}
}
