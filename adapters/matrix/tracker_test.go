package matrix

import (
	"slices"
	"testing"
)

// The sync token of a batch is saved only once that batch and every
// earlier one are fully handled, whatever order the rooms finish in.
func TestTrackerSavesTokenAfterHandling(t *testing.T) {
	var saved []string
	tr := newTracker(func(tok string) { saved = append(saved, tok) })

	tr.open("t1")
	a, b := tr.add(), tr.add()
	tr.seal()
	tr.open("t2")
	c := tr.add()
	tr.seal()
	tr.open("t3") // no events: nothing to wait for, but t1 and t2 are pending
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
	tr.open("t4")
	tr.seal()
	if !slices.Equal(saved, []string{"t3", "t4"}) {
		t.Fatalf("saved %v, want t3 then t4", saved)
	}
}
