package matrix

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// testFAQ is a small knowledge base. The password entry holds raw HTML that
// must never reach formatted_body.
var testFAQ = fstest.MapFS{
	"fr/mot-de-passe.md": {Data: []byte(`---
lang: fr
title: "J'ai perdu mon mot de passe"
questions:
  - "Comment changer mon mot de passe ?"
tags: [mot de passe]
---
Cliquez sur **Mot de passe oublié** sur https://nuage.example.org <script>alert(1)</script>
`)},
	"fr/horaires.md": {Data: []byte(`---
lang: fr
title: "Horaires des formations"
questions:
  - "Quels sont les horaires ?"
tags: [formation]
---
Les formations ont lieu le mardi de 14 h à 17 h.
`)},
}

const (
	qPassword = "Comment changer mon mot de passe ?"
	qHours    = "Quels sont les horaires ?"
	aPassword = "Mot de passe oublié" // in the body of the password entry
	aHours    = "le mardi de 14 h à 17 h"
)

// exactMatcher answers when the text is one of an entry's questions or its
// title, and abstains otherwise: these tests are about the adapter, not the
// matching quality.
type exactMatcher struct{ kb *faq.KB }

func (m exactMatcher) Match(text, lang string) faq.Result {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, e := range m.kb.Served() {
		for _, q := range append([]string{e.Title}, e.Questions...) {
			if strings.ToLower(q) == t {
				return faq.Result{Decision: faq.Answer, Entry: e, Score: 1, Lang: e.Lang}
			}
		}
	}
	return faq.Result{Lang: "fr"}
}

// testBot is one running bot process-equivalent: database, core, adapter.
type testBot struct {
	ad        *Adapter
	bot       *bot.Bot
	db        *sqlite.DB
	logs      *testkit.Buffer
	reactions chan bot.Reaction
	cancel    context.CancelFunc
	done      chan error
}

type botConfig struct {
	dbPath     string
	encryption bool
	allow      []string
	name       string
	// timelineLimit is the sync's per-room timeline limit (0: the default).
	timelineLimit int

	mentors     []string // Matrix ids of the mentors
	mentorsRoom string   // room id of the mentors' room
	tickets     bool     // enable the escalation feature

	logTo io.Writer // also write the bot's log there
}

// startBot starts a bot on d and waits for its first successful sync.
func startBot(t *testing.T, d *testenv.Dendrite, c botConfig) *testBot {
	t.Helper()
	if c.encryption {
		needEncryption(t)
	}
	if c.dbPath == "" {
		c.dbPath = filepath.Join(t.TempDir(), "entraide.db")
	}
	tb, err := runBot(d.URL, d.UserID("bot"), d.Password("bot"), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		tb.stop()
		if t.Failed() {
			t.Logf("bot log:\n%s", tb.logs.String())
		}
	})
	testkit.WaitUntil(t, 20*time.Second, "the bot's first sync", tb.ad.Connected)
	return tb
}

// runBot starts the core and the adapter on the database at c.dbPath.
func runBot(hs, user, password string, c botConfig) (*testBot, error) {
	ctx, cancel := context.WithCancel(context.Background())
	db, err := sqlite.Open(ctx, c.dbPath)
	if err != nil {
		cancel()
		return nil, err
	}
	logs := &testkit.Buffer{}
	var w io.Writer = logs
	if c.logTo != nil {
		w = io.MultiWriter(logs, c.logTo)
	}
	logger := slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
	kb, err := faq.LoadFS(testFAQ)
	if err != nil {
		cancel()
		return nil, err
	}
	opts := bot.Options{Name: "entraide", Lang: "fr", Logger: logger, Mentors: map[string][]string{"matrix": c.mentors}}
	if c.mentorsRoom != "" {
		opts.MentorsRoom = &bot.Room{Adapter: "matrix", ID: c.mentorsRoom}
	}
	b := bot.New(opts)
	b.SetFAQ(exactMatcher{kb}, kb)
	if c.tickets {
		if _, err := tickets.Enable(b, sqlite.NewTicketStore(db), tickets.Options{}); err != nil {
			cancel()
			db.Close()
			return nil, err
		}
	}
	tb := &testBot{bot: b, db: db, logs: logs, reactions: make(chan bot.Reaction, 16), cancel: cancel, done: make(chan error, 1)}
	b.OnReaction(func(_ context.Context, r bot.Reaction) {
		select {
		case tb.reactions <- r:
		default:
		}
	})
	ad, err := New(Options{
		Name:        c.name,
		Homeserver:  hs,
		UserID:      user,
		Password:    password,
		Encryption:  c.encryption,
		PickleKey:   "test-pickle-key",
		InviteAllow: c.allow,
		State:       db,
		DB:          db.DB,
		Logger:      logger,
		MaxBackoff:  2 * time.Second,

		TimelineLimit: c.timelineLimit,
	})
	if err == nil {
		err = b.AddAdapter(ad)
	}
	if err != nil {
		cancel()
		db.Close()
		return nil, err
	}
	tb.ad = ad
	go func() { tb.done <- b.Run(ctx) }()
	return tb, nil
}

// stop is a clean shutdown; it may be called twice.
func (tb *testBot) stop() {
	if tb.cancel == nil {
		return
	}
	tb.cancel()
	<-tb.done
	tb.db.Close()
	tb.cancel = nil
}

func (tb *testBot) botID() id.UserID { return tb.ad.UserID() }

// needEncryption skips (or fails, under ENTRAIDE_INTEGRATION) a test that
// needs end-to-end encryption in a build without -tags goolm.
func needEncryption(t *testing.T) {
	t.Helper()
	if EncryptionAvailable {
		return
	}
	if os.Getenv(testenv.EnvIntegration) == "" {
		t.Skip("encryption tests need -tags goolm")
	}
	t.Fatal("encryption tests need -tags goolm (scripts/test sets it)")
}
