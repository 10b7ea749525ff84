package xmpp

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
)

// stuckInbox takes the first message and holds it until Run ends, so the
// messages behind it pile up in the adapter.
type stuckInbox struct{}

func (stuckInbox) Message(ctx context.Context, _ bot.Message) { <-ctx.Done() }
func (stuckInbox) Reaction(context.Context, bot.Reaction)     {}

// ourGoroutines lists the goroutines running code of this package, except
// the tests themselves.
func ourGoroutines() []string {
	buf := make([]byte, 1<<22)
	buf = buf[:runtime.Stack(buf, true)]
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "testing.tRunner") {
			continue
		}
		for _, line := range strings.Split(g, "\n") {
			if strings.HasPrefix(line, "codeberg.org/entraide/entraide/adapters/xmpp.") {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

func countContaining(gs []string, s string) (n int) {
	for _, g := range gs {
		if strings.Contains(g, s) {
			n++
		}
	}
	return n
}

// Not parallel: it counts goroutines. More messages arrive than the queue
// holds while the bot is busy; when Run returns, nothing of the adapter is
// still running (the library's handler goroutines included).
func TestRunLeavesNoGoroutineBehind(t *testing.T) {
	srv := startServer(t, true)
	before := len(ourGoroutines())
	ad, err := New(Options{Address: srv.Addr, JID: srv.JID("bot"), Password: "botpass", CAFile: srv.CAFile,
		RetryMin: 100 * time.Millisecond, RetryMax: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- ad.Run(ctx, stuckInbox{}) }()
	testkit.WaitUntil(t, 10*time.Second, "adapter connected", ad.Connected)

	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	n := cap(ad.incoming) + 64
	for i := range n {
		alice.Chat(srv.JID("bot"), fmt.Sprintf("question %d ?", i))
	}
	testkit.WaitUntil(t, 20*time.Second, "queue full and handlers waiting", func() bool {
		return len(ad.incoming) == cap(ad.incoming) && countContaining(ourGoroutines(), ".dial.") > 0
	})

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return within 15 s of cancel")
	}
	if left := ourGoroutines(); len(left) > before {
		t.Fatalf("%d goroutines of the adapter outlived Run:\n%s", len(left)-before, strings.Join(left, "\n\n"))
	}
}
