package main

import (
	"strings"
	"testing"
)

// Cases found by playing the demo as a hostile or careless user: each test
// replays the console lines that went wrong.

// A direct chat's ticket (an address, a password) is never printed in a
// shared room: !ticket and !tickets answer only in the mentors' room or a
// direct chat with the mentor.
func TestConsoleTicketDetailsStayPrivate(t *testing.T) {
	msgs := demoTalk(t,
		"/as alice", "/room dm-alice",
		"!humain mon adresse est 3 rue des Lilas, mot de passe hunter2",
		"/as mentor", "/room support",
		"!ticket 1", "!tickets",
		"/room dm-mentor", "!ticket 1",
		"/room mentors", "!tickets",
	)
	support := in(msgs, "support")
	if len(support) != 2 {
		t.Fatalf("want two refusals in the shared room:\n%s", dump(msgs))
	}
	for _, m := range support {
		if strings.Contains(m.text, "hunter2") || strings.Contains(m.text, "Lilas") || !strings.Contains(m.text, "mentors") {
			t.Fatalf("the shared room must get a refusal naming the mentors' room, not the ticket:\n%s", dump(msgs))
		}
	}
	if dm := in(msgs, "dm-mentor"); len(dm) != 1 || !strings.Contains(dm[0].text, "hunter2") {
		t.Fatalf("a direct chat with the mentor shows the ticket:\n%s", dump(msgs))
	}
	if ms := in(msgs, "mentors"); !strings.Contains(ms[len(ms)-1].text, "#1") {
		t.Fatalf("the mentors' room lists the ticket:\n%s", dump(msgs))
	}
}
