package matrix

import (
	"path/filepath"
	"slices"
	"testing"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
)

// TestBotMissedMoreThanTimeline: while the bot is down, alice asks more
// questions than a sync timeline holds, so the first sync after the
// restart is cut short. Every question is still answered once, in order,
// in a plain room and in an encrypted one (the missed events are then
// decrypted like live ones).
func TestBotMissedMoreThanTimeline(t *testing.T) {
	t.Run("plain", func(t *testing.T) { testMissedMoreThanTimeline(t, false) })
	t.Run("encrypted", func(t *testing.T) { testMissedMoreThanTimeline(t, true) })
}

func testMissedMoreThanTimeline(t *testing.T, encrypted bool) {
	const limit, asked = 5, 12
	d := testenv.StartDendrite(t, "bot", "alice")
	dbPath := filepath.Join(t.TempDir(), "entraide.db")
	cfg := botConfig{dbPath: dbPath, timelineLimit: limit, encryption: encrypted}
	b1 := startBot(t, d, cfg)
	alice := testenv.NewMatrixUser(t, d, "alice", encrypted)
	botID := b1.botID()
	room := alice.CreateRoom("support", encrypted, botID)
	reply := func(q id.EventID) func(*event.Event) bool {
		if encrypted {
			return decrypted(testenv.IsReplyTo(room, botID, q))
		}
		return testenv.IsReplyTo(room, botID, q)
	}

	q0 := alice.Say(room, qPassword)
	alice.WaitFor(t, wait, "answer before the outage", reply(q0))
	b1.stop()

	var qs []id.EventID
	for i := range asked {
		q := qPassword
		if i%2 == 1 {
			q = qHours
		}
		qs = append(qs, alice.Say(room, q))
	}
	b2 := startBot(t, d, cfg)
	alice.WaitFor(t, wait, "answer to the last question", reply(qs[len(qs)-1]))
	wantOnce(t, answersTo(alice, room, botID, append([]id.EventID{q0}, qs...)...))

	var order []id.EventID // the questions, in the order of their answers
	for _, e := range alice.Events(func(e *event.Event) bool {
		return e.RoomID == room && e.Sender == botID && e.Type == event.EventMessage
	}) {
		if to := e.Content.AsMessage().RelatesTo.GetReplyTo(); slices.Contains(qs, to) && !slices.Contains(order, to) {
			order = append(order, to)
		}
	}
	if !slices.Equal(order, qs) {
		t.Errorf("answers in the order %v, want the questions' order %v", order, qs)
	}
	if b2.logs.Count("fetched the messages missed") != 1 {
		t.Errorf("the restart did not fetch missed messages; bot log:\n%s", b2.logs.String())
	}
}
