package matrix

import (
	"context"
	"testing"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
)

// invitedDirect matches who's invitation, marked direct, to a room other
// than not.
func invitedDirect(who id.UserID, not id.RoomID) func(*event.Event) bool {
	return func(e *event.Event) bool {
		if e.Type != event.StateMember || e.GetStateKey() != who.String() || e.RoomID == not {
			return false
		}
		m := e.Content.AsMember()
		return m.Membership == event.MembershipInvite && m.IsDirect
	}
}

// TestSendDirectOpensAndReusesADirectRoom: a login code for the web page
// reaches a mentor who never wrote to the bot, in a direct room the bot
// opens, then again in the same room, and in a new one once they left it.
func TestSendDirectOpensAndReusesADirectRoom(t *testing.T) {
	d := testenv.StartDendrite(t, "bot", "bob")
	ctx := context.Background()
	bob := testenv.NewMatrixUser(t, d, "bob", false)
	tb := startBot(t, d, botConfig{mentors: []string{bob.UserID.String()}})
	botID := tb.botID()

	if err := tb.bot.SendDirect(ctx, "matrix", bob.UserID.String(), "code 11111111"); err != nil {
		t.Fatal(err)
	}
	room := bob.WaitFor(t, wait, "a direct invitation", invitedDirect(bob.UserID, "")).RoomID
	if _, err := bob.Client.JoinRoomByID(ctx, room); err != nil {
		t.Fatal(err)
	}
	bob.WaitFor(t, wait, "the first code", testenv.NoticesIn(room, botID, "code 11111111"))

	if err := tb.bot.SendDirect(ctx, "matrix", bob.UserID.String(), "code 22222222"); err != nil {
		t.Fatal(err)
	}
	bob.WaitFor(t, wait, "the second code in the same room", testenv.NoticesIn(room, botID, "code 22222222"))

	if _, err := bob.Client.LeaveRoom(ctx, room); err != nil {
		t.Fatal(err)
	}
	if err := tb.bot.SendDirect(ctx, "matrix", bob.UserID.String(), "code 33333333"); err != nil {
		t.Fatal(err)
	}
	again := bob.WaitFor(t, wait, "an invitation to a new room", invitedDirect(bob.UserID, room)).RoomID
	if _, err := bob.Client.JoinRoomByID(ctx, again); err != nil {
		t.Fatal(err)
	}
	bob.WaitFor(t, wait, "the third code in the new room", testenv.NoticesIn(again, botID, "code 33333333"))

	for _, bad := range []string{"bob", botID.String()} {
		if err := tb.bot.SendDirect(ctx, "matrix", bad, "x"); err == nil {
			t.Errorf("%q: want a refusal", bad)
		}
	}
}
