package matrix

import (
	"maps"
	"slices"
	"testing"

	"maunium.net/go/mautrix/id"
)

// The sync token of a batch is saved only once that batch and every
// earlier one are fully handled, whatever order the rooms finish in.
func TestTrackerSavesTokenAfterHandling(t *testing.T) {
	var saved []string
	tr := newTracker(func(tok string, _ map[id.RoomID]int64) { saved = append(saved, tok) })

	tr.open("t1", nil)
	a, b := tr.add(), tr.add()
	tr.seal()
	tr.open("t2", nil)
	c := tr.add()
	tr.seal()
	tr.open("t3", nil) // no events: nothing to wait for, but t1 and t2 are pending
	tr.seal()
	if len(saved) != 0 {
		t.Fatalf("saved %v before any event was handled", saved)
	}
	tr.done(c) // a later batch finishing first saves nothing
	tr.done(a)
	if len(saved) != 0 {
		t.Fatalf("saved %v while an event of t1 is still pending", saved)
	}
	tr.done(b)
	if !slices.Equal(saved, []string{"t3"}) {
		t.Fatalf("saved %v, want only the latest complete token t3", saved)
	}
	tr.done(nil) // an event decrypted late, outside any batch
	tr.open("t4", nil)
	tr.seal()
	if !slices.Equal(saved, []string{"t3", "t4"}) {
		t.Fatalf("saved %v, want t3 then t4", saved)
	}
}

// The per-room event times saved with a token cover every batch the token
// completes, keeping the newest time of each room.
func TestTrackerSavesNewestTimes(t *testing.T) {
	var got map[id.RoomID]int64
	tr := newTracker(func(_ string, newest map[id.RoomID]int64) { got = newest })
	tr.open("t1", map[id.RoomID]int64{"!a": 10, "!b": 5})
	a := tr.add()
	tr.seal()
	tr.open("t2", map[id.RoomID]int64{"!a": 20})
	tr.seal()
	tr.done(a)
	if want := map[id.RoomID]int64{"!a": 20, "!b": 5}; !maps.Equal(got, want) {
		t.Fatalf("saved times %v, want %v", got, want)
	}
}
