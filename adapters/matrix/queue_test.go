package matrix

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
)

// A bot that hears from many rooms (every direct chat is one) must not
// keep a worker and a queue per room it ever heard from: an idle room's
// worker ends, and the room gets a new one when it speaks again, still in
// order.
func TestDispatcherForgetsIdleRooms(t *testing.T) {
	d := newDispatcher(newTracker(func(string, map[id.RoomID]int64) {}))
	d.start(context.Background(), nil, &Adapter{log: slog.New(slog.DiscardHandler)})
	const rooms, perRoom = 300, 3
	var (
		mu  sync.Mutex
		got = map[id.RoomID][]int{}
		wg  sync.WaitGroup
	)
	pushAll := func() {
		for r := range rooms {
			room := id.RoomID(fmt.Sprintf("!r%d:example.org", r))
			for i := range perRoom {
				wg.Add(1)
				d.push(room, func(context.Context, bot.Inbox) {
					defer wg.Done()
					mu.Lock()
					got[room] = append(got[room], i)
					mu.Unlock()
				})
			}
		}
		wg.Wait()
	}
	idle := func() bool {
		d.mu.Lock()
		defer d.mu.Unlock()
		return len(d.rooms) == 0
	}
	for round := 1; round <= 2; round++ {
		pushAll()
		deadline := time.Now().Add(10 * time.Second)
		for !idle() {
			if time.Now().After(deadline) {
				d.mu.Lock()
				n := len(d.rooms)
				d.mu.Unlock()
				t.Fatalf("round %d: %d room queues still held after every job ran", round, n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	for room, seq := range got {
		for i, v := range seq {
			if v != i%perRoom {
				t.Fatalf("room %s ran its jobs out of order: %v", room, seq)
			}
		}
	}
	d.close()
	if !d.wait(5 * time.Second) {
		t.Fatal("workers still running after close")
	}
}
