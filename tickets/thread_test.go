package tickets_test

import (
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/tickets"
)

// In a room with threads, a ticket's conversation is the thread its
// question was asked in: the asker's words in another thread are another
// conversation, and someone else's words in the ticket's thread are not
// the asker's follow-up.
func TestTicketConversationIsItsThread(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	say := func(user, thread, text string) []string {
		t.Helper()
		e.fa.Take()
		m := e.fa.Msg("support", user, text)
		m.ThreadID = thread
		e.b.Message(e.ctx, m)
		var toMentors []string
		for _, r := range e.fa.Take() {
			if r.Room.ID == "mentors" {
				toMentors = append(toMentors, r.Text)
			}
		}
		return toMentors
	}
	if got := say("alice", "th-1", unknownQ); len(got) != 1 || !strings.Contains(got[0], "Ticket n° 1") {
		t.Fatalf("the question must open ticket 1: %q", got)
	}
	say("alice", "th-2", "mon imprimante fait un bruit bizarre")
	say("dave", "th-1", "moi aussi j'aimerais un jitsi, c'est prévu quand ?")
	if got := say("alice", "th-1", "c'est pour des réunions de 10 personnes"); len(got) != 1 || !strings.Contains(got[0], "n° 1") {
		t.Fatalf("alice's follow-up in the ticket's thread must reach the mentors: %q", got)
	}
	conv := e.conversation(t, 1)
	if len(conv) != 2 || !strings.HasPrefix(conv[1], "alice: c'est pour des réunions") {
		t.Fatalf("ticket 1's conversation: %q, want only the question and alice's follow-up in its thread", conv)
	}
}
