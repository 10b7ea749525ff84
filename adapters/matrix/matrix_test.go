package matrix

import (
	"context"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
)

const wait = 20 * time.Second

// TestAnswers covers a plain room end to end: invite and auto-join, a FAQ
// answer as a threaded/plain rich reply with a pill, safe HTML, history
// before the join, the bot's own messages, reactions, kick and re-invite.
func TestAnswers(t *testing.T) {
	needEncryption(t)
	d := testenv.StartDendrite(t, "bot", "alice")
	b := startBot(t, d, botConfig{encryption: true})
	alice := testenv.NewMatrixUser(t, d, "alice", false)
	botID := b.botID()
	ctx := context.Background()

	// History: a question asked before the bot is in the room stays unanswered.
	room := alice.CreateRoom("support", false)
	early := alice.Say(room, qHours)
	if _, err := alice.InviteUser(ctx, room, &mautrix.ReqInviteUser{UserID: botID}); err != nil {
		t.Fatal(err)
	}
	alice.WaitFor(t, wait, "bot joining", isJoin(room, botID))

	t.Run("answer", func(t *testing.T) {
		q := alice.Say(room, qPassword)
		r := alice.WaitFor(t, wait, "answer", testenv.IsReplyTo(room, botID, q))
		m := r.Content.AsMessage()
		if m.MsgType != event.MsgNotice || m.Format != event.FormatHTML {
			t.Errorf("msgtype %q format %q, want m.notice with HTML", m.MsgType, m.Format)
		}
		if !strings.HasPrefix(m.Body, "alice: ") || !strings.Contains(m.Body, aPassword) || strings.Contains(m.Body, "**") {
			t.Errorf("body %q: want a plain text answer addressed to alice", m.Body)
		}
		for _, want := range []string{`<a href="https://matrix.to/#/@alice:localhost">alice</a>: `,
			"<strong>" + aPassword, `<a href="https://nuage.example.org">`} {
			if !strings.Contains(m.FormattedBody, want) {
				t.Errorf("formatted_body %q lacks %q", m.FormattedBody, want)
			}
		}
		if strings.Contains(m.FormattedBody, "<script") {
			t.Errorf("raw HTML of the FAQ reached formatted_body: %q", m.FormattedBody)
		}
		if m.Mentions == nil || len(m.Mentions.UserIDs) != 1 || m.Mentions.UserIDs[0] != alice.UserID {
			t.Errorf("m.mentions = %+v, want alice", m.Mentions)
		}
		if m.RelatesTo.GetThreadParent() != "" {
			t.Errorf("a question outside a thread was answered in thread %s", m.RelatesTo.GetThreadParent())
		}
	})

	t.Run("history before join is ignored", func(t *testing.T) {
		// Answers in a room are sent in order, so the answer to this later
		// question would come after one to the early question.
		q := alice.Say(room, qHours)
		alice.WaitFor(t, wait, "answer", testenv.IsReplyTo(room, botID, q))
		if n := len(alice.Events(testenv.IsReplyTo(room, botID, early))); n != 0 {
			t.Errorf("the bot answered a question sent before it joined (%d replies)", n)
		}
	})

	t.Run("addressed to the bot", func(t *testing.T) {
		q := alice.Say(room, "bot: "+qHours)
		r := alice.WaitFor(t, wait, "answer", testenv.IsReplyTo(room, botID, q))
		if body := r.Content.AsMessage().Body; !strings.Contains(body, aHours) {
			t.Errorf("body %q: want the hours answer (the \"bot: \" prefix removed)", body)
		}
	})

	t.Run("thread", func(t *testing.T) {
		root := alice.Say(room, "Sujet : mon compte")
		content := &event.MessageEventContent{MsgType: event.MsgText, Body: qHours,
			RelatesTo: (&event.RelatesTo{}).SetThread(root, root)}
		resp, err := alice.SendMessageEvent(ctx, room, event.EventMessage, content)
		if err != nil {
			t.Fatal(err)
		}
		r := alice.WaitFor(t, wait, "threaded answer", testenv.IsReplyTo(room, botID, resp.EventID))
		rel := r.Content.AsMessage().RelatesTo
		if rel.GetThreadParent() != root || rel.IsFallingBack {
			t.Errorf("relates_to %+v: want thread %s replying to %s", rel, root, resp.EventID)
		}
	})

	t.Run("unknown question", func(t *testing.T) {
		q := alice.Say(room, "Le gâteau est-il un mensonge ?")
		r := alice.WaitFor(t, wait, "answer", testenv.IsReplyTo(room, botID, q))
		if body := r.Content.AsMessage().Body; !strings.Contains(body, "Je ne connais pas") {
			t.Errorf("body %q: want the don't-know sentence", body)
		}
	})

	t.Run("own messages are ignored", func(t *testing.T) {
		// The bot's account speaking from another device, as a human would.
		other, err := mautrix.NewClient(d.URL, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.Login(ctx, &mautrix.ReqLogin{Type: mautrix.AuthTypePassword, StoreCredentials: true,
			Identifier: mautrix.UserIdentifier{Type: mautrix.IdentifierTypeUser, User: "bot"}, Password: d.Password("bot")}); err != nil {
			t.Fatal(err)
		}
		defer other.Logout(ctx)
		self, err := other.SendText(ctx, room, qPassword)
		if err != nil {
			t.Fatal(err)
		}
		q := alice.Say(room, qHours)
		alice.WaitFor(t, wait, "answer", testenv.IsReplyTo(room, botID, q))
		if n := len(alice.Events(testenv.IsReplyTo(room, botID, self.EventID))); n != 0 {
			t.Errorf("the bot answered its own message")
		}
	})

	t.Run("reaction", func(t *testing.T) {
		q := alice.Say(room, qPassword)
		answer := alice.WaitFor(t, wait, "answer", testenv.IsReplyTo(room, botID, q))
		if _, err := alice.SendReaction(ctx, room, answer.ID, "👍️"); err != nil {
			t.Fatal(err)
		}
		select {
		case r := <-b.reactions:
			if r.TargetID != answer.ID.String() || r.Key != "👍" || r.Sender.ID != alice.UserID.String() || r.Room.ID != room.String() {
				t.Errorf("reaction %+v: want alice's 👍 on %s", r, answer.ID)
			}
		case <-time.After(wait):
			t.Fatal("the reaction did not reach the bot")
		}
	})

	t.Run("kick then invite again", func(t *testing.T) {
		if _, err := alice.KickUser(ctx, room, &mautrix.ReqKickUser{UserID: botID, Reason: "test"}); err != nil {
			t.Fatal(err)
		}
		testkit.WaitUntil(t, wait, "the bot to forget the room", func() bool {
			return b.logs.Count("forgot it") == 1
		})
		missed := alice.Say(room, qPassword) // the bot is out: never answered
		if _, err := alice.InviteUser(ctx, room, &mautrix.ReqInviteUser{UserID: botID}); err != nil {
			t.Fatal(err)
		}
		alice.WaitFor(t, wait, "the bot joining again", func(e *event.Event) bool {
			ids := map[id.EventID]bool{}
			for _, j := range alice.Events(isJoin(room, botID)) {
				ids[j.ID] = true
			}
			return len(ids) >= 2
		})
		q := alice.Say(room, qHours)
		alice.WaitFor(t, wait, "answer after the new invite", testenv.IsReplyTo(room, botID, q))
		if n := len(alice.Events(testenv.IsReplyTo(room, botID, missed))); n != 0 {
			t.Errorf("the bot answered a message sent while it was kicked out")
		}
	})
}

// TestInviteAllowList: invites from senders outside invite_allow are ignored.
func TestInviteAllowList(t *testing.T) {
	d := testenv.StartDendrite(t, "bot", "alice", "bob")
	b := startBot(t, d, botConfig{allow: []string{"@alice:localhost"}})
	alice := testenv.NewMatrixUser(t, d, "alice", false)
	bob := testenv.NewMatrixUser(t, d, "bob", false)
	botID := b.botID()
	ctx := context.Background()

	bobRoom, err := bob.Client.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{botID}})
	if err != nil {
		t.Fatal(err)
	}
	aliceRoom := alice.CreateRoom("allowed", false, botID) // waits for the bot's join
	testkit.WaitUntil(t, wait, "bob's invite judged", func() bool {
		return b.logs.Count("ignoring an invite from a sender not in invite_allow") >= 1
	})
	joined, err := b.ad.cli.JoinedRooms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var inAlice, inBob bool
	for _, r := range joined.JoinedRooms {
		inAlice = inAlice || r == aliceRoom
		inBob = inBob || r == bobRoom.RoomID
	}
	if !inAlice || inBob {
		t.Errorf("joined alice's room: %v (want true), bob's room: %v (want false)", inAlice, inBob)
	}
}

func isJoin(room id.RoomID, who id.UserID) func(*event.Event) bool {
	return func(e *event.Event) bool {
		return e.RoomID == room && e.Type == event.StateMember && e.GetStateKey() == who.String() &&
			e.Content.AsMember().Membership == event.MembershipJoin
	}
}
