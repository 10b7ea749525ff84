package matrix

import (
	"slices"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
)

func decrypted(match func(*event.Event) bool) func(*event.Event) bool {
	return func(e *event.Event) bool { return match(e) && e.Mautrix.EventSource&event.SourceDecrypted != 0 }
}

// TestEncryptedRoom: alice, with her own encrypted client, asks in an
// encrypted room and decrypts the bot's answer; nothing the bot posts there
// is in clear text. It also measures the reply latency, plain and encrypted.
func TestEncryptedRoom(t *testing.T) {
	needEncryption(t)
	d := testenv.StartDendrite(t, "bot", "alice")
	b := startBot(t, d, botConfig{encryption: true})
	alice := testenv.NewMatrixUser(t, d, "alice", true)
	botID := b.botID()

	room := alice.CreateRoom("chiffré", true, botID)
	q := alice.Say(room, qPassword)
	r := alice.WaitFor(t, wait, "decrypted answer", decrypted(testenv.IsReplyTo(room, botID, q)))
	if m := r.Content.AsMessage(); !strings.Contains(m.Body, aPassword) || m.Mentions == nil || !slices.Contains(m.Mentions.UserIDs, alice.UserID) {
		t.Errorf("answer %q mentions %+v: want the FAQ answer mentioning alice", m.Body, m.Mentions)
	}
	botMessages := func(e *event.Event) bool {
		return e.RoomID == room && e.Sender == botID && e.Type == event.EventMessage
	}
	for _, e := range alice.Events(botMessages) {
		if e.Mautrix.EventSource&event.SourceDecrypted == 0 {
			t.Errorf("the bot posted %s in clear text in an encrypted room", e.ID)
		}
	}

	// The bot's Olm account and room state live in the project's database.
	var accounts, members int
	if err := b.db.QueryRow(`SELECT count(*) FROM crypto_account`).Scan(&accounts); err != nil || accounts != 1 {
		t.Errorf("crypto_account rows in the bot's database: %d, %v; want 1", accounts, err)
	}
	if err := b.db.QueryRow(`SELECT count(*) FROM mx_user_profile WHERE room_id = ?`, room).Scan(&members); err != nil || members != 2 {
		t.Errorf("members of the room in the bot's database: %d, %v; want 2", members, err)
	}

	plain := alice.CreateRoom("clair", false, botID)
	for _, c := range []struct {
		name  string
		room  id.RoomID
		match func(id.RoomID, id.UserID, id.EventID) func(*event.Event) bool
	}{
		{"plain room", plain, testenv.IsReplyTo},
		{"encrypted room", room, func(r id.RoomID, s id.UserID, e id.EventID) func(*event.Event) bool {
			return decrypted(testenv.IsReplyTo(r, s, e))
		}},
	} {
		var took []time.Duration
		for i := 0; i < 20; i++ {
			start := time.Now()
			q := alice.Say(c.room, qHours)
			alice.WaitFor(t, wait, "answer", c.match(c.room, botID, q))
			took = append(took, time.Since(start))
		}
		slices.Sort(took)
		t.Logf("%s: alice's send → bot's reply received: median %s, min %s, max %s (20 questions)",
			c.name, took[len(took)/2].Round(time.Millisecond), took[0].Round(time.Millisecond), took[len(took)-1].Round(time.Millisecond))
	}
}
