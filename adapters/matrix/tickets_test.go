package matrix

import (
	"context"
	"strings"
	"testing"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
)

// TestTicketRelay: an unknown question in an encrypted room becomes a
// ticket announced in the mentors' room; bob answers it there and alice
// gets the answer as a reply to her question, with bob's text escaped.
func TestTicketRelay(t *testing.T) {
	needEncryption(t)
	d := testenv.StartDendrite(t, "bot", "alice", "bob")
	ctx := context.Background()
	botID := id.UserID(d.UserID("bot"))
	bob := testenv.NewMatrixUser(t, d, "bob", false)
	mentors, err := bob.Client.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Name: "mentors", Invite: []id.UserID{botID}})
	if err != nil {
		t.Fatal(err)
	}
	startBot(t, d, botConfig{encryption: true, tickets: true, mentors: []string{bob.UserID.String()}, mentorsRoom: mentors.RoomID.String()})
	bob.WaitFor(t, wait, "the bot joining the mentors' room", isJoin(mentors.RoomID, botID))

	alice := testenv.NewMatrixUser(t, d, "alice", true)
	room := alice.CreateRoom("support", true, botID)
	q := alice.Say(room, "Où est <i>le</i> gâteau ?")
	opened := alice.WaitFor(t, wait, "ticket confirmation", decrypted(testenv.IsReplyTo(room, botID, q)))
	if body := opened.Content.AsMessage().Body; !strings.Contains(body, "ticket n° 1") {
		t.Fatalf("reply %q: want ticket 1 opened", body)
	}
	notice := bob.WaitFor(t, wait, "ticket notice", testenv.NoticesIn(mentors.RoomID, botID, "Ticket n° 1"))
	if m := notice.Content.AsMessage(); !strings.Contains(m.Body, "gâteau") || strings.Contains(m.FormattedBody, "<i>") {
		t.Errorf("notice body %q formatted %q: want the question, with its HTML escaped", m.Body, m.FormattedBody)
	}

	bob.Say(mentors.RoomID, "!repondre 1 Dans la <b>cuisine</b>, **bien sûr**")
	relayed := alice.WaitFor(t, wait, "relayed answer", decrypted(func(e *event.Event) bool {
		return testenv.IsReplyTo(room, botID, q)(e) && strings.Contains(e.Content.AsMessage().Body, "cuisine")
	}))
	m := relayed.Content.AsMessage()
	if !strings.Contains(m.Body, "bob") || m.Mentions == nil || len(m.Mentions.UserIDs) != 1 || m.Mentions.UserIDs[0] != alice.UserID {
		t.Errorf("relayed answer %q mentions %+v: want bob's answer addressed to alice", m.Body, m.Mentions)
	}
	if strings.Contains(m.FormattedBody, "<b>") || strings.Contains(m.FormattedBody, "<strong>bien") {
		t.Errorf("the mentor's markup was interpreted: %q", m.FormattedBody)
	}
	if !strings.Contains(m.FormattedBody, "&lt;b&gt;cuisine") {
		t.Errorf("formatted_body %q: want the mentor's text shown as typed", m.FormattedBody)
	}
	bob.WaitFor(t, wait, "confirmation to bob", testenv.NoticesIn(mentors.RoomID, botID, "transmise"))
}
