package xmpp

import (
	"context"
	"sync"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"gosrc.io/xmpp/stanza"
)

// blockingInbox holds every message from alice until released.
type blockingInbox struct {
	release chan struct{}
	mu      sync.Mutex
	got     []string
	seen    chan string
}

func (b *blockingInbox) Message(_ context.Context, m bot.Message) {
	if m.Sender.ID == "alice@example.org" {
		<-b.release
	}
	b.mu.Lock()
	b.got = append(b.got, m.Sender.ID+": "+m.Text)
	b.mu.Unlock()
	b.seen <- m.Text
}

func (b *blockingInbox) Reaction(context.Context, bot.Reaction) {}

// A message that takes long to handle keeps its own conversation waiting,
// not the others: the adapter used to hand messages over one at a time.
func TestSlowMessageDoesNotDelayOtherConversations(t *testing.T) {
	a, err := New(Options{JID: "bot@example.org", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	in := &blockingInbox{release: make(chan struct{}), seen: make(chan string, 10)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.deliver(ctx, in); close(done) }()
	msg := func(from, id, body string) stanza.Message {
		return stanza.Message{Attrs: stanza.Attrs{From: from + "/phone", Id: id, Type: stanza.MessageTypeChat}, Body: body}
	}
	a.incoming <- msg("alice@example.org", "a1", "slow one")
	a.incoming <- msg("alice@example.org", "a2", "after the slow one")
	a.incoming <- msg("bob@example.org", "b1", "quick")
	select {
	case got := <-in.seen:
		if got != "quick" {
			t.Fatalf("first handled: %q", got)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("bob's message waited behind alice's")
	}
	close(in.release)
	for range 2 {
		<-in.seen
	}
	cancel()
	<-done
	want := []string{"bob@example.org: quick", "alice@example.org: slow one", "alice@example.org: after the slow one"}
	for i, w := range want {
		if in.got[i] != w {
			t.Fatalf("order: got %q, want %q", in.got, want)
		}
	}
}
