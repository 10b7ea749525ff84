package testenv

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// MatrixUser is a human test participant: a mautrix client that syncs in
// the background and records every event it sees (decrypted ones included
// when it has encryption).
type MatrixUser struct {
	*mautrix.Client
	t testing.TB

	mu     sync.Mutex
	events []*event.Event
	notify chan struct{}
}

// NewMatrixUser logs in an account of d and starts syncing; with encrypted
// it gets its own crypto store and can read and write encrypted rooms.
func NewMatrixUser(t testing.TB, d *Dendrite, name string, encrypted bool) *MatrixUser {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cli, err := mautrix.NewClient(d.URL, "", "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = cli.Login(ctx, &mautrix.ReqLogin{
		Type:             mautrix.AuthTypePassword,
		Identifier:       mautrix.UserIdentifier{Type: mautrix.IdentifierTypeUser, User: name},
		Password:         d.Password(name),
		StoreCredentials: true,
	})
	if err != nil {
		cancel()
		t.Fatalf("login %s: %v", name, err)
	}
	u := &MatrixUser{Client: cli, t: t, notify: make(chan struct{})}
	syncer := quickSyncer{mautrix.NewDefaultSyncer()}
	cli.Syncer = syncer
	syncer.OnEvent(u.record) // never blocks: the sync loop also carries the encryption keys
	if encrypted {
		if err := enableCrypto(ctx, t, cli, name); err != nil {
			cancel()
			t.Fatalf("crypto for %s: %v", name, err)
		}
	}
	// No state store without encryption: mautrix's in-memory one edits
	// the content of member events it has seen, which would change the
	// recorded history.
	done := make(chan struct{})
	go func() { defer close(done); _ = cli.SyncWithContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return u
}

// quickSyncer retries a failed sync after 200 ms instead of mautrix's 10 s,
// so tests that restart the homeserver stay short.
type quickSyncer struct{ *mautrix.DefaultSyncer }

func (quickSyncer) OnFailedSync(_ *mautrix.RespSync, err error) (time.Duration, error) {
	if errors.Is(err, mautrix.MUnknownToken) {
		return 0, err
	}
	return 200 * time.Millisecond, nil
}

func (u *MatrixUser) record(_ context.Context, evt *event.Event) {
	u.mu.Lock()
	u.events = append(u.events, evt)
	close(u.notify)
	u.notify = make(chan struct{})
	u.mu.Unlock()
}

// Events returns the events seen so far that match.
func (u *MatrixUser) Events(match func(*event.Event) bool) []*event.Event {
	u.mu.Lock()
	defer u.mu.Unlock()
	var out []*event.Event
	for _, e := range u.events {
		if match(e) {
			out = append(out, e)
		}
	}
	return out
}

// WaitFor returns the first event that matches, waiting up to timeout; it
// fails t on timeout.
func (u *MatrixUser) WaitFor(t testing.TB, timeout time.Duration, what string, match func(*event.Event) bool) *event.Event {
	t.Helper()
	deadline := time.After(timeout)
	for {
		u.mu.Lock()
		seen, ch := u.events, u.notify
		u.mu.Unlock()
		for _, e := range seen { // match may call Events: no lock held here
			if match(e) {
				return e
			}
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("%s: no %s within %s", u.UserID, what, timeout)
			return nil
		}
	}
}

// CreateRoom makes a private room inviting others, encrypted if asked, and
// waits until every invitee has joined and the room's state is known (so a
// message sent next is encrypted when it should be).
func (u *MatrixUser) CreateRoom(name string, encrypted bool, invite ...id.UserID) id.RoomID {
	u.t.Helper()
	ctx := context.Background()
	req := &mautrix.ReqCreateRoom{Preset: "private_chat", Name: name, Invite: invite}
	if encrypted {
		req.InitialState = []*event.Event{{Type: event.StateEncryption,
			Content: event.Content{Parsed: &event.EncryptionEventContent{Algorithm: id.AlgorithmMegolmV1}}}}
	}
	resp, err := u.Client.CreateRoom(ctx, req)
	if err != nil {
		u.t.Fatalf("create room: %v", err)
	}
	for _, who := range invite {
		u.WaitFor(u.t, 20*time.Second, who.String()+" joining "+name, func(e *event.Event) bool {
			return e.RoomID == resp.RoomID && e.Type == event.StateMember && e.GetStateKey() == who.String() &&
				e.Content.AsMember().Membership == event.MembershipJoin
		})
	}
	return resp.RoomID
}

// Say sends a text message and returns its event id.
func (u *MatrixUser) Say(room id.RoomID, text string) id.EventID {
	u.t.Helper()
	resp, err := u.SendText(context.Background(), room, text)
	if err != nil {
		u.t.Fatalf("send %q: %v", text, err)
	}
	return resp.EventID
}

// IsReplyTo matches an m.notice from sender that replies to the event.
func IsReplyTo(room id.RoomID, sender id.UserID, to id.EventID) func(*event.Event) bool {
	return func(e *event.Event) bool {
		if e.RoomID != room || e.Sender != sender || e.Type != event.EventMessage {
			return false
		}
		m := e.Content.AsMessage()
		return m.MsgType == event.MsgNotice && m.RelatesTo.GetReplyTo() == to
	}
}

// NoticesIn matches the m.notice events from sender in room whose body
// contains text.
func NoticesIn(room id.RoomID, sender id.UserID, text string) func(*event.Event) bool {
	return func(e *event.Event) bool {
		if e.RoomID != room || e.Sender != sender || e.Type != event.EventMessage {
			return false
		}
		m := e.Content.AsMessage()
		return m.MsgType == event.MsgNotice && strings.Contains(m.Body, text)
	}
}
