package matrix

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
)

// TestBotKilledMidAnswer: kill -9 while the bot is in the middle of two
// messages, in two encrypted rooms. In "avant" it had recorded the question
// as in progress but not yet answered it; in "après" it had sent the
// answer (in a thread) but not yet recorded it as done. After the restart the first
// question is answered once (it used to be lost) and the second is not
// answered again (its answer is found in the room). A question queued
// behind the first one is answered after it.
func TestBotKilledMidAnswer(t *testing.T) {
	needEncryption(t)
	d := testenv.StartDendrite(t, "bot", "alice")
	dbPath := filepath.Join(t.TempDir(), "entraide.db")
	p1 := startChild(t, d, dbPath, "begun="+qHours, "answered="+qPassword)
	alice := testenv.NewMatrixUser(t, d, "alice", true)
	botID := id.UserID(d.UserID("bot"))
	before := alice.CreateRoom("avant", true, botID)
	after := alice.CreateRoom("après", true, botID)
	reply := func(room id.RoomID, q id.EventID) func(*event.Event) bool {
		return decrypted(testenv.IsReplyTo(room, botID, q))
	}

	root := alice.Say(after, "Sujet : mon compte")
	resp, err := alice.SendMessageEvent(context.Background(), after, event.EventMessage, &event.MessageEventContent{
		MsgType: event.MsgText, Body: qPassword, RelatesTo: (&event.RelatesTo{}).SetThread(root, root)})
	if err != nil {
		t.Fatal(err)
	}
	qAfter := resp.EventID
	alice.WaitFor(t, wait, "answer in après", reply(after, qAfter))
	if line := p1.next(t, "pause after answering"); line != "paused answered "+qAfter.String() {
		t.Fatalf("the bot printed %q, want it paused after answering %s", line, qAfter)
	}
	qBefore := alice.Say(before, qHours)
	if line := p1.next(t, "pause before answering"); line != "paused begun "+qBefore.String() {
		t.Fatalf("the bot printed %q, want it paused before answering %s", line, qBefore)
	}
	qQueued := alice.Say(before, qPassword) // waits behind qBefore in the room's queue
	p1.kill(t)
	if n := len(alice.Events(reply(before, qBefore))); n != 0 {
		t.Fatalf("the question in avant was answered %d times before the kill", n)
	}

	startChild(t, d, dbPath)
	alice.WaitFor(t, wait, "late answer in avant", reply(before, qBefore))
	alice.WaitFor(t, wait, "answer to the queued question", reply(before, qQueued))
	// The room's worker handles the restart's check of après before this.
	qNext := alice.Say(after, qHours)
	alice.WaitFor(t, wait, "next answer in après", reply(after, qNext))
	wantOnce(t, answersTo(alice, before, botID, qBefore, qQueued))
	wantOnce(t, answersTo(alice, after, botID, root, qAfter, qNext))

	var order []id.EventID
	for _, e := range alice.Events(func(e *event.Event) bool { return e.RoomID == before && e.Sender == botID }) {
		if to := e.Content.AsMessage().RelatesTo.GetReplyTo(); to != "" {
			order = append(order, to)
		}
	}
	if !slices.Equal(order, []id.EventID{qBefore, qQueued}) {
		t.Errorf("answers in avant to %v, want the question left unfinished first, then the queued one", order)
	}
}
