package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"

	"codeberg.org/entraide/entraide/adapters/console"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/storage"
)

// app is one running bot: config, storage, the communities' cores and the
// adapters wired together.
type app struct {
	cfg   *config.Config
	env   *env
	log   *slog.Logger
	db    storage.Store
	hub   *bot.Hub     // reads the adapters and hands each message to its community
	comms []*community // in config order; one without [[communities]]
	bot   *bot.Bot     // the first community's core (the only one without [[communities]])
	faqFS fs.FS        // where the FAQ is read from (a directory or the embedded example)
	annFS fs.FS        // where announcements are read from
	// mux serves HTTP endpoints (/metrics, /healthz, the trainings feeds)
	// when bot.listen is set; features add their handlers to it.
	mux    *http.ServeMux
	closer []func()

	ops opsState // metrics, see ops.go

	// webAddr is where the mentors' web page listens ("" when off).
	webAddr string
}

// newApp builds the bot a config describes. Every part is wired here, in
// the order written in build; on error what was opened is closed again.
func newApp(ctx context.Context, cfg *config.Config, e *env, faqFS, annFS fs.FS) (*app, error) {
	a := &app{cfg: cfg, env: e, faqFS: faqFS, annFS: annFS, mux: http.NewServeMux()}
	if e.secrets != nil {
		e.secrets.add(cfg.Secrets()) // the final error line too
	}
	a.log = redact(newLogger(e.stderr, cfg.Bot.LogLevel), cfg.Secrets())
	if err := a.build(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// build wires storage, the communities, the adapters and the features, top
// to bottom. Within a community, features see a message in the order they
// are wired here (at each stage of routing: Before, Unanswered, Unsure,
// Answered), except the rate limit, which goes ahead of every Before hook.
func (a *app) build(ctx context.Context) error {
	db, err := storage.Open(ctx, a.cfg.Bot.Database, a.cfg.Bot.DatabasePassword)
	if err != nil {
		return err
	}
	a.db = db
	a.closer = append(a.closer, func() { db.Close() })

	// Communities, in config order: each its own core, FAQ and mentors. The
	// hub gives each message to the community listing its room.
	a.hub = bot.NewHub(a.cfg.Bot.Name, a.cfg.Bot.Language, a.log)
	for _, g := range a.cfg.Groups() {
		c, err := a.newCommunity(ctx, g)
		if err != nil {
			return err
		}
		a.comms = append(a.comms, c)
		if err := a.hub.Add(g.Name, c.bot, c.rooms()); err != nil {
			return err
		}
	}
	a.bot = a.comms[0].bot
	if err := a.adoptTickets(ctx); err != nil {
		return err
	}

	// Adapters, shared by every community: console, Matrix, XMPP.
	if a.cfg.Console.Enabled {
		if err := a.hub.AddAdapter(console.New(console.Options{BotName: a.cfg.Bot.Name, User: a.cfg.Console.User,
			Room: a.cfg.Console.Room, In: a.env.stdin, Out: a.env.stdout})); err != nil {
			return err
		}
	}
	if a.cfg.Matrix.Enabled {
		if err := a.addAdapter(newMatrix(a)); err != nil {
			return err
		}
	}
	if a.cfg.XMPP.Enabled {
		if err := a.addAdapter(newXMPP(a)); err != nil {
			return err
		}
	}

	// Bot-wide features.
	for _, wire := range []func(context.Context, *app) error{
		wireRateLimit,      // drops floods first (BeforeFirst in every community)
		wireHTTP,           // /metrics, /healthz, and listening on bot.listen
		enableHandledPurge, // trims the adapters' handled-event records daily
	} {
		if err := wire(ctx, a); err != nil {
			return err
		}
	}

	// Each community's features. Announcements come before tickets: their
	// Unanswered hook answers "c'est quand la prochaine formation ?" with
	// the dates before the tickets' hook would hand it to the mentors.
	for _, c := range a.comms {
		for _, wire := range []func(context.Context, *app, *community) error{
			enableAnnouncements, // poster, !formations, questions about trainings, its trainings feed
			enableTickets,       // feedback (Before), tickets (Unanswered), mentor commands, reminders
			wireReload,          // !reload, file watching, git pull
		} {
			if err := wire(ctx, a, c); err != nil {
				return c.errorf("%w", err)
			}
		}
	}

	// The mentors' web page on web.listen, acting through the tickets.
	return wireWeb(ctx, a)
}

func (a *app) addAdapter(ad bot.Adapter, err error) error {
	if err != nil {
		return err
	}
	return a.hub.AddAdapter(ad)
}

// Run serves every community until ctx is done or an adapter stops.
func (a *app) Run(ctx context.Context) error { return a.hub.Run(ctx) }

// Close releases storage and whatever features opened, last opened first.
func (a *app) Close() {
	for i := len(a.closer) - 1; i >= 0; i-- {
		a.closer[i]()
	}
	a.closer = nil
}

func loadKB(ctx context.Context, fsys fs.FS, dir string) (*faq.KB, error) {
	if fsys == nil {
		kb, err := faq.LoadDirContext(ctx, dir)
		if err != nil {
			return nil, fmt.Errorf("FAQ %s has problems, refusing to start:\n%w", dir, err)
		}
		return kb, nil
	}
	kb, err := faq.LoadFS(fsys)
	if err != nil {
		return nil, fmt.Errorf("FAQ has problems, refusing to start:\n%w", err)
	}
	return kb, nil
}

// newMatcher builds the production matcher for kb with the configured
// thresholds. A calibration file (from "entraide faq calibrate") replaces
// both the built-in model and the two thresholds.
func newMatcher(kb *faq.KB, cfg *config.Config) (faq.Matcher, error) {
	return matcherFor(kb, cfg, cfg.Matcher.Calibration)
}

// matcherFor is newMatcher with a community's calibration file.
func matcherFor(kb *faq.KB, cfg *config.Config, calibration string) (faq.Matcher, error) {
	opts := faq.Options{Threshold: cfg.Matcher.Threshold, Suggest: cfg.Matcher.Suggest}
	if p := calibration; p != "" {
		cal, err := faq.LoadCalibration(p)
		if err != nil {
			return nil, fmt.Errorf("[matcher] calibration: %w", err)
		}
		opts = faq.Options{Calibration: cal}
	}
	return faq.NewMatcher(kb, opts), nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// demoConfig is the zero-config demo: console only, the example FAQ, a
// SQLite file in the user's cache folder (kept between runs, never a temp
// file), one mentor called "mentor" and a mentors' room called "mentors".
func demoConfig(dbPath string) (*config.Config, error) {
	c := config.Default()
	c.Console.Enabled = true
	c.Console.User = "vous"
	c.Console.Room = "support"
	c.Bot.LogLevel = "warn"
	c.Mentors.IDs = map[string][]string{"console": {"mentor"}}
	c.Bot.Admins = map[string][]string{"console": {"admin"}}
	c.Mentors.Room = config.RoomRef{Adapter: "console", ID: "mentors"}
	c.Announce.Rooms = []config.RoomRef{{Adapter: "console", ID: "support"}}
	c.Reload.Watch = false
	c.RateLimit = config.RateLimit{} // one person plays every part, often from a script
	if dbPath == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = "."
		}
		dbPath = filepath.Join(dir, "entraide", "demo.db")
	}
	c.Bot.Database = dbPath
	return c, c.Validate()
}
