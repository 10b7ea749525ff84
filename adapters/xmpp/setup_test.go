package xmpp

import (
	"context"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
	"codeberg.org/entraide/entraide/sqlite"
)

// The test FAQ: one answer with Markdown to flatten, one plain.
var testFAQ = fstest.MapFS{
	"fr/formation-tarifs.md": {Data: []byte(`---
lang: fr
title: "Combien coûte la formation ?"
questions:
  - "Quel est le prix de la formation ?"
---
La formation coûte **30 €** : inscrivez-vous sur [la page des formations](https://etabli.example/formations).
`)},
	"fr/adhesion.md": {Data: []byte(`---
lang: fr
title: "Comment adhérer à l'association ?"
questions:
  - "Comment devenir membre de l'association ?"
---
L'adhésion se fait en ligne, à prix libre.
`)},
}

const (
	askPrice    = "Quel est le prix de la formation ?"
	answerPrice = "La formation coûte 30 € : inscrivez-vous sur la page des formations (https://etabli.example/formations)."
	askMember   = "Comment devenir membre de l'association ?"
	answerMembr = "L'adhésion se fait en ligne, à prix libre."
)

var testUsers = map[string]string{"bot": "botpass", "alice": "alicepass", "bob": "bobpass", "entraide": "pw"}

func startServer(t *testing.T, publicJIDs bool) *testenv.Prosody {
	t.Helper()
	srv := testenv.StartProsody(t, testenv.ProsodyOptions{Users: testUsers, PublicJIDs: publicJIDs})
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("prosody log:\n%s", srv.Log())
		}
	})
	return srv
}

func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "entraide.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// running is a bot with the XMPP adapter, connected to the test server.
type running struct {
	bot  *bot.Bot
	ad   *Adapter
	logs *testkit.Buffer
	jid  string // the bot's bare JID

	mu      sync.Mutex
	senders []bot.User // who the bot saw speak, in order

	cancel context.CancelFunc
	done   chan error
}

// startBot runs a bot on srv with the test FAQ; mentors: bob. The mentors'
// room is "mentors" on the server.
func startBot(t *testing.T, srv *testenv.Prosody, store bot.StateStore, edit func(*Options)) *running {
	t.Helper()
	return startBotWith(t, srv, store, edit, nil)
}

// startBotWith is startBot with features: setup runs before the bot starts.
func startBotWith(t *testing.T, srv *testenv.Prosody, store bot.StateStore, edit func(*Options), setup func(*bot.Bot)) *running {
	t.Helper()
	logs := &testkit.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	o := Options{
		Address: srv.Addr, JID: srv.JID("bot"), Password: "botpass", Nick: "entraide",
		CAFile: srv.CAFile, Store: store, Logger: log,
		PingInterval: 5 * time.Second, RetryMin: 100 * time.Millisecond, RetryMax: time.Second,
	}
	if edit != nil {
		edit(&o)
	}
	ad, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := faq.LoadFS(testFAQ)
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Options{Name: "entraide", Lang: "fr", Logger: log,
		Mentors:     map[string][]string{"xmpp": {srv.JID("bob")}},
		MentorsRoom: &bot.Room{Adapter: "xmpp", ID: srv.Room("mentors")}})
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	if err := b.AddAdapter(ad); err != nil {
		t.Fatal(err)
	}
	if setup != nil {
		setup(b)
	}
	r := &running{bot: b, ad: ad, logs: logs, jid: srv.JID("bot"), done: make(chan error, 1)}
	b.Before(func(_ context.Context, req *bot.Request) bool {
		r.mu.Lock()
		r.senders = append(r.senders, req.Msg.Sender)
		r.mu.Unlock()
		return false
	})
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- b.Run(ctx) }()
	t.Cleanup(func() {
		r.stop(t)
		if t.Failed() {
			t.Logf("bot log:\n%s", logs.String())
		}
	})
	testkit.WaitUntil(t, 10*time.Second, "bot connected", ad.Connected)
	for _, room := range o.Rooms {
		r.waitInRoom(t, room)
	}
	return r
}

// stop ends Run and waits for it; stopping twice is fine.
func (r *running) stop(t *testing.T) {
	t.Helper()
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.cancel = nil
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("bot.Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("bot.Run did not return within 10s of cancel")
	}
}

// waitInRoom waits until the room confirmed the bot's presence.
func (r *running) waitInRoom(t *testing.T, room string) {
	t.Helper()
	testkit.WaitUntil(t, 10*time.Second, "bot in "+room, func() bool {
		r.ad.mu.Lock()
		defer r.ad.mu.Unlock()
		rm := r.ad.rooms[room]
		return rm != nil && rm.joined
	})
}

func (r *running) lastSender() bot.User {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.senders) == 0 {
		return bot.User{}
	}
	return r.senders[len(r.senders)-1]
}
