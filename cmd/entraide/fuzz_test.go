package main

import (
	"context"
	"flag"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/example"
)

// Bounds on one message, whatever it holds. The time bound applies only
// while fuzzing (go test -fuzz), never in a plain test run, and is loose
// because the fuzzer shares the machine: a message takes well under a
// millisecond to a few, the quadratic typo correction took 17 s on a
// 40 000-letter word.
const (
	fuzzMaxAlloc   = 64 << 20
	fuzzMaxTime    = 2 * time.Second
	fuzzMaxReplied = 64 << 10
)

// fuzzing reports whether the test binary runs a fuzz target's fuzzing
// (rather than its seed corpus as a test).
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}

// countingWriter counts what the console adapter prints.
type countingWriter struct{ n atomic.Int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n.Add(int64(len(p)))
	return len(p), nil
}

// go test -tags goolm -run '^$' -fuzz FuzzMessagePath -fuzztime 60s ./cmd/entraide
//
// Random text, from a member, a mentor or in the mentors' room, through
// the whole demo wiring (example FAQ and announcements, tickets on a
// SQLite file, feedback, commands): no panic, and each message within a
// time and memory bound with a bounded reply.
func FuzzMessagePath(f *testing.F) {
	for _, s := range []string{
		"combien coûte la formation ?", "j'ai oublié mon mot de passe", "bonjour", "merci", "1", "0",
		"vous avez une instance jitsi ?", "!aide", "!help claim", "!tickets", "!claim 1", "!answer 1 voici",
		"!answer 1 \u200b", "!resolve 1", "!faq 1", "!formations", "!services", "entraide: aide",
		"mo\u200bt de pa\u00adsse", strings.Repeat("motdepasse", 2000), strings.Repeat("é ", 5000),
		strings.Repeat("a", bot.MaxMessageBytes+1), "\xff\xfe", "@entraide", "!", "!!", "!\n\t",
	} {
		f.Add(s, byte(0))
		f.Add(s, byte(1))
	}
	cfg, err := demoConfig(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	out := &countingWriter{}
	a, err := newApp(context.Background(), cfg, &env{stdin: strings.NewReader(""), stdout: out, stderr: out}, example.FAQ(), demoAnnouncements())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(a.Close)
	timed := fuzzing()
	var seq atomic.Int64
	f.Fuzz(func(t *testing.T, text string, who byte) {
		sender, room := "alice", "support"
		switch who % 4 {
		case 1:
			sender, room = "mentor", "mentors"
		case 2:
			sender = "mentor"
		case 3:
			room = "dm-alice"
		}
		m := bot.Message{ID: "fuzz-" + strconv.FormatInt(seq.Add(1), 10), Room: bot.Room{Adapter: "console", ID: room, Direct: room == "dm-alice"},
			Sender: bot.User{ID: sender}, Text: text, Time: time.Now()}
		before := out.n.Load()
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		start := time.Now()
		a.bot.Message(context.Background(), m)
		took := time.Since(start)
		runtime.ReadMemStats(&ms1)
		if alloc := ms1.TotalAlloc - ms0.TotalAlloc; alloc > fuzzMaxAlloc {
			t.Errorf("%d-byte message allocated %d MB", len(text), alloc>>20)
		}
		if timed && took > fuzzMaxTime {
			t.Errorf("%d-byte message took %v", len(text), took)
		}
		if n := out.n.Load() - before; n > fuzzMaxReplied {
			t.Errorf("%d-byte message got %d bytes of replies", len(text), n)
		}
	})
}
