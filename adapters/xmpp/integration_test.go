package xmpp

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
)

const wait = 5 * time.Second

func TestAnswersInRoomAndInDirectChat(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	support := srv.Room("support")
	r := startBot(t, srv, openStore(t), func(o *Options) { o.Rooms = []string{support} })
	botInRoom := support + "/entraide"

	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)

	// In a room: addressed to the asker, Markdown flattened.
	alice.Say(support, askPrice)
	if got := alice.Next(botInRoom, wait).Body; got != "alice: "+answerPrice {
		t.Fatalf("room answer = %q, want %q", got, "alice: "+answerPrice)
	}
	// The room shows real JIDs, so the sender is alice's bare JID.
	if s := r.lastSender(); s.ID != srv.JID("alice") || s.Name != "alice" {
		t.Fatalf("sender = %+v, want ID %s and name alice", s, srv.JID("alice"))
	}

	// Unknown question: the bot says so, still addressed to alice.
	alice.Say(support, "Où se trouve la machine à café du troisième étage ?")
	if got := alice.Next(botInRoom, wait).Body; got != "alice: "+bot.PlainText(bot.T("fr", "dont_know")) {
		t.Fatalf("unknown question answered %q", got)
	}

	// 1:1: answered directly, without a name in front.
	alice.Chat(r.jid, askMember)
	m := alice.Next(r.jid, wait)
	if m.Body != answerMembr || m.Type != "chat" {
		t.Fatalf("direct answer = %q (type %s), want %q", m.Body, m.Type, answerMembr)
	}
	if s := r.lastSender(); s.ID != srv.JID("alice") {
		t.Fatalf("direct sender = %+v", s)
	}
}

func TestIgnoresErrorsDelayedBodylessAndOwnMessages(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	support := srv.Room("support")
	r := startBot(t, srv, openStore(t), func(o *Options) { o.Rooms = []string{support} })
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)

	// None of these may be answered...
	alice.Raw(fmt.Sprintf(`<message type='error' to='%s' id='e1'><body>%s</body><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`, r.jid, askPrice))
	alice.Raw(fmt.Sprintf(`<message type='chat' to='%s' id='d1'><body>%s</body><delay xmlns='urn:xmpp:delay' stamp='2024-01-01T10:00:00Z'/></message>`, r.jid, askPrice))
	alice.Raw(fmt.Sprintf(`<message type='chat' to='%s' id='d2'><body>%s</body><x xmlns='jabber:x:delay' stamp='20240101T10:00:00'/></message>`, r.jid, askPrice))
	alice.Raw(fmt.Sprintf(`<message type='chat' to='%s' id='c1'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>`, r.jid))
	alice.Raw(fmt.Sprintf(`<message type='groupchat' to='%s' id='d3'><body>%s</body><delay xmlns='urn:xmpp:delay' stamp='2024-01-01T10:00:00Z'/></message>`, support, askPrice))
	// ...and this one is: it must be the first thing the bot says.
	alice.Chat(r.jid, askMember)
	if got := alice.Next(r.jid, wait).Body; got != answerMembr {
		t.Fatalf("first answer = %q: an ignored message was answered", got)
	}
	alice.Quiet(r.jid, 300*time.Millisecond)
	if n := r.ad.delayed.Load(); n != 3 {
		t.Fatalf("dropped %d delayed messages, want 3", n)
	}

	// The bot's own room messages come back to it; it must not answer
	// them (that would loop). One answer, then silence.
	alice.Say(support, askPrice)
	alice.WaitBody(support+"/entraide", answerPrice, wait)
	alice.Quiet(support+"/entraide", 500*time.Millisecond)
}

func TestDuplicatesAreAnsweredOnceEvenAfterARestart(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	store := openStore(t)
	r := startBot(t, srv, store, nil)
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")

	withOrigin := fmt.Sprintf(`<message type='chat' to='%s' id='x1'><body>%s</body><origin-id xmlns='urn:xmpp:sid:0' id='o-1'/></message>`, r.jid, askPrice)
	alice.Raw(withOrigin)
	alice.Raw(strings.Replace(withOrigin, "id='x1'", "id='x2'", 1)) // resent by a client: new stanza id, same origin-id
	alice.WaitBody(r.jid, answerPrice, wait)

	noOrigin := fmt.Sprintf(`<message type='chat' to='%s' id='same'><body>%s</body></message>`, r.jid, askMember)
	alice.Raw(noOrigin)
	alice.Raw(noOrigin)
	alice.WaitBody(r.jid, answerMembr, wait)
	alice.Quiet(r.jid, 500*time.Millisecond)

	// A new process with the same database still knows them.
	r.stop(t)
	r2 := startBot(t, srv, store, nil)
	alice.Raw(withOrigin)
	alice.Raw(noOrigin)
	alice.Chat(r2.jid, askMember) // a new message (new id): answered
	if got := alice.Next(r.jid, wait).Body; got != answerMembr {
		t.Fatalf("after restart the first answer is %q: a duplicate was answered", got)
	}
	alice.Quiet(r.jid, 500*time.Millisecond)
}

func TestRoomHistoryIsNotAnsweredOnRejoin(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	support := srv.Room("support")
	store := openStore(t)
	rooms := func(o *Options) { o.Rooms = []string{support} }
	r := startBot(t, srv, store, rooms)
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)
	for _, q := range []string{askPrice, askMember, askPrice} {
		alice.Say(support, q)
		alice.Next(support+"/entraide", wait)
	}

	// Normal rejoin: the bot asks for no history.
	r.stop(t)
	r = startBot(t, srv, store, rooms)
	alice.Quiet(support+"/entraide", 700*time.Millisecond)
	r.stop(t)

	// A room that replays its history anyway: every message carries a
	// delay and is dropped.
	r = startBot(t, srv, store, func(o *Options) { rooms(o); o.historyStanzas = -1 })
	alice.Quiet(support+"/entraide", 700*time.Millisecond)
	if n := r.ad.delayed.Load(); n < 6 { // 3 questions + 3 answers
		t.Fatalf("the room replayed %d delayed messages, want at least 6", n)
	}
	alice.Say(support, askMember)
	if got := alice.Next(support+"/entraide", wait).Body; got != "alice: "+answerMembr {
		t.Fatalf("after rejoin the bot said %q", got)
	}
}

func TestReconnectsAndRejoinsAfterServerRestart(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	support, mentors := srv.Room("support"), srv.Room("mentors")
	r := startBot(t, srv, openStore(t), func(o *Options) { o.Rooms = []string{support, mentors} })
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)
	alice.Say(support, askPrice)
	alice.WaitBody(support+"/entraide", answerPrice, wait)

	srv.Stop()
	testkit.WaitUntil(t, wait, "bot notices the server is gone", func() bool { return !r.ad.Connected() })
	short, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	_, err := r.ad.Send(short, bot.Reply{Room: bot.Room{Adapter: "xmpp", ID: support}, Text: "x"})
	cancel()
	if !errors.Is(err, ErrNotConnected) {
		t.Fatalf("Send while down: %v, want ErrNotConnected", err)
	}
	testkit.WaitUntil(t, wait, "several failed attempts", func() bool { return r.logs.Count("connection attempt failed") >= 3 })
	srv.Start()
	testkit.WaitUntil(t, 10*time.Second, "bot reconnected", r.ad.Connected)
	r.waitInRoom(t, support)
	r.waitInRoom(t, mentors)

	alice = testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)
	alice.Say(support, askMember)
	if got := alice.Next(support+"/entraide", wait).Body; got != "alice: "+answerMembr {
		t.Fatalf("after the restart the bot said %q", got)
	}
	// One warning per loss, not one per failed attempt. (Under load the bot
	// may get back in while Prosody is still shutting down, and be dropped
	// again: that is a second loss, and a second warning.)
	logs := r.logs.String()
	lost := strings.Count(logs, "connection lost")
	attempts := strings.Count(logs, "connection attempt failed")
	if lost < 1 || lost > 2 || attempts < 3 {
		t.Fatalf("%d losses and %d failed attempts logged, want 1 (or 2) and several:\n%s", lost, attempts, logs)
	}
	if n := strings.Count(logs, "reconnected"); n != lost {
		t.Errorf("'reconnected' logged %d times for %d losses", n, lost)
	}
	if n := strings.Count(logs, "level=WARN"); n != lost {
		t.Errorf("%d warnings for %d losses:\n%s", n, lost, logs)
	}
}

func TestInvitationsFromTheAllowList(t *testing.T) {
	t.Parallel()
	srv := startServer(t, false) // rooms hide real JIDs from non-moderators
	store := openStore(t)
	allow := func(o *Options) { o.InviteAllow = []string{srv.JID("alice")} }
	r := startBot(t, srv, store, allow)
	lounge, bobs := srv.Room("lounge"), srv.Room("bobs")
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	bob := testenv.ConnectXMPP(t, srv, "bob", "bobpass")
	alice.Join(lounge) // alice creates the room, so she owns it, not the bot
	bob.Join(bobs)

	invite := `<message to='%s' id='%s'><x xmlns='jabber:x:conference' jid='%s' reason='help'/></message>`
	bob.Raw(fmt.Sprintf(invite, r.jid, "inv-b", bobs))
	alice.Raw(fmt.Sprintf(invite, r.jid, "inv-a", lounge))
	alice.WaitPresence(lounge+"/entraide", "", wait)

	alice.Say(lounge, askPrice)
	if got := alice.Next(lounge+"/entraide", wait).Body; got != "alice: "+answerPrice {
		t.Fatalf("answer in the invited room = %q", got)
	}
	// The bot is not a moderator of a semi-anonymous room: alice is known
	// only by her place in the room.
	if s := r.lastSender(); s.ID != lounge+"/alice" {
		t.Fatalf("sender in an anonymous room = %+v, want %s/alice", s, lounge)
	}
	r.ad.mu.Lock()
	_, inBobs := r.ad.rooms[bobs]
	r.ad.mu.Unlock()
	if inBobs {
		t.Fatal("the bot accepted an invitation from bob, who is not on the allow-list")
	}
	bob.Quiet(bobs+"/entraide", 200*time.Millisecond)

	// A restarted bot goes back to the room it was invited to.
	r.stop(t)
	alice.WaitPresence(lounge+"/entraide", "unavailable", wait)
	startBot(t, srv, store, allow)
	alice.WaitPresence(lounge+"/entraide", "", wait)
}

// TestLatency measures how long alice waits for an answer (median of 20),
// for the record; it asserts nothing about speed.
func TestLatency(t *testing.T) {
	srv := startServer(t, true)
	support := srv.Room("support")
	r := startBot(t, srv, openStore(t), func(o *Options) { o.Rooms = []string{support} })
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)
	median := func(where string, ask func()) time.Duration {
		var ds []time.Duration
		for range 20 {
			start := time.Now()
			ask()
			alice.WaitBody(where, answerPrice, wait)
			ds = append(ds, time.Since(start))
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	room := median(support+"/entraide", func() { alice.Say(support, askPrice) })
	direct := median(r.jid, func() { alice.Chat(r.jid, askPrice) })
	t.Logf("send → answer, median of 20: room %s, direct %s", room, direct)
}

// A server that stops answering without closing anything (a dead link) is
// noticed by the ping, and the bot comes back when it answers again.
func TestSilentServerIsNoticedByPing(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	support := srv.Room("support")
	r := startBot(t, srv, openStore(t), func(o *Options) { o.Rooms, o.PingInterval = []string{support}, time.Second })
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)

	srv.Freeze()
	testkit.WaitUntil(t, 10*time.Second, "bot notices the silent server", func() bool { return !r.ad.Connected() })
	srv.Thaw()
	testkit.WaitUntil(t, 10*time.Second, "bot reconnected", r.ad.Connected)
	r.waitInRoom(t, support)
	if !strings.Contains(r.logs.String(), "ping: no answer") {
		t.Fatalf("the loss was not found by the ping:\n%s", r.logs.String())
	}
	alice.Say(support, askMember)
	if got := alice.Next(support+"/entraide", wait).Body; got != "alice: "+answerMembr {
		t.Fatalf("after the outage the bot said %q", got)
	}
	alice.Quiet(support+"/entraide", 300*time.Millisecond)
}

func TestCertificateMustBeTrustedUnlessInsecure(t *testing.T) {
	t.Parallel()
	srv := startServer(t, false)
	ad, err := New(Options{Address: srv.Addr, JID: srv.JID("bot"), Password: "botpass", connectTimeout: 1})
	if err != nil {
		t.Fatal(err)
	}
	err = ad.Run(context.Background(), bot.New(bot.Options{}))
	if err == nil || !strings.Contains(err.Error(), "certificate is not trusted") {
		t.Fatalf("self-signed certificate without ca_file: Run = %v, want a certificate error", err)
	}
	r := startBot(t, srv, nil, func(o *Options) { o.CAFile, o.InsecureTLS = "", true })
	if !r.ad.Connected() {
		t.Fatal("insecure_tls should accept the self-signed certificate")
	}
}

// When a person already uses the bot's nickname in a room, the bot takes
// another one and still answers, addressed correctly and without answering
// itself.
func TestNicknameTakenInRoom(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	support := srv.Room("support")
	impostor := testenv.ConnectXMPP(t, srv, "entraide", "pw")
	impostor.Join(support) // a person named "entraide" is in the room first
	r := startBot(t, srv, openStore(t), func(o *Options) { o.Rooms = []string{support} })
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)
	alice.Say(support, askPrice)
	if got := alice.Next(support+"/entraide_", wait).Body; got != "alice: "+answerPrice {
		t.Fatalf("answer under the second nickname = %q", got)
	}
	alice.Quiet(support+"/entraide_", 300*time.Millisecond)
	if !strings.Contains(r.logs.String(), "nickname taken") {
		t.Fatal("the conflict was not logged")
	}
}

func TestDirectMessageSentWhileAwayIsAnsweredOnceWhenBack(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	store := openStore(t)
	r := startBot(t, srv, store, nil)
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	r.stop(t)

	// The server keeps this for the bot (offline storage) and hands it over,
	// marked as delayed, when the bot is back.
	alice.Chat(r.jid, askPrice)
	time.Sleep(200 * time.Millisecond)
	r2 := startBot(t, srv, store, nil)
	if got := alice.Next(r.jid, wait).Body; got != answerPrice {
		t.Fatalf("late answer = %q, want the price answer", got)
	}
	alice.Quiet(r.jid, 300*time.Millisecond)

	// Coming back again must not answer it a second time.
	r2.stop(t)
	startBot(t, srv, store, nil)
	alice.Chat(r.jid, askMember)
	if got := alice.Next(r.jid, wait).Body; got != answerMembr {
		t.Fatalf("after a second restart the first answer is %q: the old message was answered twice", got)
	}
}

// Two bots started on one account and resource (a second instance left
// running by mistake) kick each other off at every login. Each loss comes
// right after a successful connection, so the reconnect delay must still
// grow; a fixed delay makes the pair hammer the server forever.
func TestConnectionDroppedRightAfterLoginBacksOff(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	fast := func(o *Options) { o.RetryMin, o.RetryMax = 20*time.Millisecond, 10*time.Second }
	a := startBot(t, srv, openStore(t), fast)
	b := startBot(t, srv, openStore(t), fast)
	lost := func() int { return a.logs.Count("connection lost") + b.logs.Count("connection lost") }
	testkit.WaitUntil(t, 10*time.Second, "the two bots kick each other off", func() bool { return lost() >= 2 })
	start, from := time.Now(), lost()
	time.Sleep(3 * time.Second) // a window to count reconnections in; a slow machine only lowers the count
	n := lost() - from
	// Delays doubling from 20 ms give each bot at most about 8 logins in
	// 3 s; a fixed 20 ms delay gives dozens.
	if n > 25 {
		t.Fatalf("%d connection losses in %v: the reconnect delay does not grow", n, time.Since(start).Round(time.Millisecond))
	}
}
