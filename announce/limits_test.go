package announce

import (
	"strings"
	"testing"
)

// Impossible values are refused with the file and line: seats beyond any
// room (9223372036854775807 used to be accepted), a room on an adapter
// that does not exist.
func TestImpossibleValuesAreRefused(t *testing.T) {
	head := "---\nkind: training\ntitle: T\nlang: fr\ndate: 2027-03-13\ntime: 9h-12h\nplace: p\nregister: r\n"
	for body, want := range map[string]string{
		head + "seats: 9223372036854775807\n---\nb\n": "t.md:9: seats must be a whole number from 1 to 100000",
		head + "seats: 100001\n---\nb\n":              "t.md:9: seats must be a whole number from 1 to 100000",
		head + "rooms: [\"irc:#x\"]\n---\nb\n":        "t.md:9: room \"irc:#x\": unknown adapter irc (known: console, matrix, xmpp)",
	} {
		_, probs := Parse("t.md", "t", []byte(body), paris)
		if probs == nil || !strings.Contains(probs.Error(), want) {
			t.Errorf("want %q, got %v", want, probs)
		}
	}
	if _, probs := Parse("t.md", "t", []byte(head+"seats: 100000\nrooms: [\"xmpp:a@b\", \"console:support\"]\n---\nb\n"), paris); probs != nil {
		t.Errorf("sensible values refused: %v", probs)
	}
}
