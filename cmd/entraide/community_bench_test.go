package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/internal/testkit"
)

// BenchmarkCommunities50x200 builds a bot serving 50 communities of 200
// FAQ entries each, as "entraide run" would, and reports the time to load
// them all (load-s), the heap they take (heap-MB), then routes questions
// through the hub to each community's matcher (msgs/s). Run it with
// -benchtime 20000x -cpu 1.
func BenchmarkCommunities50x200(b *testing.B) {
	const communities, entries = 50, 200
	dir := b.TempDir()
	var cfg strings.Builder
	cfg.WriteString("[bot]\ndatabase = \"x.db\"\n[console]\nenabled = true\n[reload]\nwatch = false\n" +
		"[ratelimit]\nuser_per_minute = 0\nroom_per_minute = 0\n")
	kbs := make([][]genEntry, communities)
	for i := range communities {
		name := fmt.Sprintf("c%02d", i)
		kbs[i] = genKB(entries, uint64(100+i))
		writeKB(b, filepath.Join(dir, name, "faq"), kbs[i])
		fmt.Fprintf(&cfg, "\n[[communities]]\nname = %q\nrooms = [ { adapter = \"console\", id = \"r%d\" } ]\n"+
			"mentors = { console = [\"m%d\"] }\nmentors_room = { adapter = \"console\", id = \"mentors%d\" }\n", name, i, i, i)
	}
	path := filepath.Join(dir, "entraide.toml")
	testkit.WriteFile(b, path, cfg.String())
	c, err := config.Load(path)
	if err != nil {
		b.Fatal(err)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	a, err := newApp(context.Background(), c, &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	loaded := time.Since(start)
	defer a.Close()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(a.comms) != communities {
		b.Fatalf("%d communities", len(a.comms))
	}

	// Questions as members type them, in every community's room: known
	// questions, reworded ones, and ones no FAQ answers.
	var msgs []bot.Message
	for i := range 1024 {
		k := i % communities
		e := kbs[k][(i*37)%entries]
		text := e.question
		if i%3 == 1 {
			text = "comment " + e.title
		} else if i%3 == 2 {
			text = fmt.Sprintf("est-ce que vous proposez un service de cartographie %d ?", i)
		}
		msgs = append(msgs, bot.Message{ID: fmt.Sprintf("e%d", i), Room: bot.Room{Adapter: "console", ID: fmt.Sprintf("r%d", k)},
			Sender: bot.User{ID: fmt.Sprintf("u%d", i)}, Text: text})
	}
	// matching: the community of the room, then its matcher
	bots := map[string]*bot.Bot{}
	for _, c := range a.comms {
		bots[c.cfg.Name] = c.bot
	}
	i := 0
	for b.Loop() {
		m := msgs[i%len(msgs)]
		name, _ := a.hub.Community(m.Room)
		matcher, _ := bots[name].FAQ()
		matcher.Match(m.Text, "")
		i++
	}
	b.ReportMetric(loaded.Seconds(), "load-s")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "matches/s")

	// the whole path once per message: hub, rate limit, matcher, reply,
	// the answer or ticket written to the database
	ctx := context.Background()
	start = time.Now()
	for _, m := range msgs {
		a.hub.Message(ctx, m)
	}
	b.ReportMetric(float64(len(msgs))/time.Since(start).Seconds(), "routed-msgs/s")
}
