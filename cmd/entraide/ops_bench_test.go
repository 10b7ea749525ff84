package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/metrics"
	"codeberg.org/entraide/entraide/ratelimit"
)

// BenchmarkReload10k measures a full reload of a 10 000-entry FAQ from
// disk: load, lint, build the production matcher, swap. Goal: < 1 s.
func BenchmarkReload10k(b *testing.B) {
	dir := b.TempDir()
	cfg := config.Default()
	cfg.Bot.FAQDir = filepath.Join(dir, "faq")
	writeKB(b, cfg.Bot.FAQDir, genKB(10_000, 7))
	a := &app{cfg: cfg}
	c := &community{cfg: cfg.Groups()[0], bot: bot.New(bot.Options{})}
	b.ResetTimer()
	for b.Loop() {
		n, err := a.reloadFAQ(c)
		if err != nil || n != 10_000 {
			b.Fatalf("reload: %d entries, %v", n, err)
		}
	}
}

// BenchmarkThroughput routes questions through the core with the
// production matcher on a 1 000-entry FAQ, the rate limit and the metrics
// observer in place, replies going to the in-memory adapter. Run it with
// -cpu 1; goal: ≥ 5 000 messages per second.
func BenchmarkThroughput(b *testing.B) {
	entries := genKB(1000, 11)
	bt, fa := benchBot(b, entries)
	metrics.New(bt)
	lim := ratelimit.New(ratelimit.Config{UserPerMinute: 10, UserBurst: 5, RoomPerMinute: 1e9, RoomBurst: 1 << 30})
	bt.BeforeFirst(lim.Hook(nil))

	// Questions as members type them: known questions reworded, typos,
	// greetings, and questions the FAQ cannot answer.
	var msgs []bot.Message
	for i := range 512 {
		e := entries[(i*37)%len(entries)]
		var text string
		switch i % 4 {
		case 0:
			text = e.question
		case 1:
			text = "comment " + e.title
		case 2:
			text = "bonjour"
		default:
			text = fmt.Sprintf("est-ce que vous proposez un service de cartographie %d ?", i)
		}
		msg := fa.Msg("support", fmt.Sprintf("user%d", i), text)
		msgs = append(msgs, msg)
	}
	ctx := context.Background()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		msg := msgs[i%len(msgs)]
		msg.Sender.ID = fmt.Sprintf("u%d", i) // distinct users: measure routing, not the limiter's refusals
		bt.Message(ctx, msg)
		i++
		if i%4096 == 0 {
			fa.Take() // keep the fake adapter's memory flat
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// benchBot is a core answering from the given entries with the production
// matcher, replying through an in-memory adapter.
func benchBot(b *testing.B, entries []genEntry) (*bot.Bot, *bottest.Adapter) {
	dir := b.TempDir()
	writeKB(b, dir, entries)
	kb, err := faq.LoadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	m, err := newMatcher(kb, config.Default())
	if err != nil {
		b.Fatal(err)
	}
	bt := bot.New(bot.Options{})
	bt.SetFAQ(m, kb)
	fa := bottest.New("fake")
	if err := bt.AddAdapter(fa); err != nil {
		b.Fatal(err)
	}
	return bt, fa
}
