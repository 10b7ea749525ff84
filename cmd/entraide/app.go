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
	"codeberg.org/entraide/entraide/tickets"
)

// app is one running bot: config, storage, core and adapters wired together.
type app struct {
	cfg   *config.Config
	env   *env
	log   *slog.Logger
	db    storage.Store
	bot   *bot.Bot
	faqFS fs.FS // where the FAQ is read from (a directory or the embedded example)
	annFS fs.FS // where announcements are read from
	// mux serves HTTP endpoints (/metrics, /healthz, /trainings.ics) when
	// bot.listen is set; features add their handlers to it.
	mux    *http.ServeMux
	closer []func()

	ops opsState // metrics and reload hooks, see ops.go

	// announcer posts trainings and services (nil when off); see
	// reloadAnnouncements.
	announcer *bot.Announcer
	// desk is the ticket feature, which the web page acts through.
	desk *tickets.Desk
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

// build wires storage, the core, the adapters and the features, top to
// bottom. Features see a message in the order they are wired here (within
// each stage of routing: Before, Unanswered, Unsure, Answered), except the
// rate limit, which goes ahead of every Before hook wherever it is wired.
func (a *app) build(ctx context.Context) error {
	db, err := storage.Open(ctx, a.cfg.Bot.Database, a.cfg.Bot.DatabasePassword)
	if err != nil {
		return err
	}
	a.db = db
	a.closer = append(a.closer, func() { db.Close() })

	if err := a.buildCore(ctx); err != nil {
		return err
	}

	// Adapters, in the order their names are registered: console, Matrix, XMPP.
	if a.cfg.Console.Enabled {
		if err := a.bot.AddAdapter(console.New(console.Options{BotName: a.cfg.Bot.Name, User: a.cfg.Console.User,
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

	// Features. Announcements come before tickets: their Unanswered hook
	// answers "c'est quand la prochaine formation ?" with the dates before
	// the tickets' hook would hand it to the mentors as a ticket.
	for _, wire := range []func(context.Context, *app) error{
		enableAnnouncements, // poster, !formations, questions about trainings, /trainings.ics
		wireRateLimit,       // drops floods first (BeforeFirst)
		wireHTTP,            // /metrics, /healthz, and listening on bot.listen
		wireReload,          // !reload, file watching, git pull
		enableHandledPurge,  // trims the adapters' handled-event records daily
		enableTickets,       // feedback (Before), tickets (Unanswered), mentor commands, reminders
		wireWeb,             // the mentors' web page on web.listen, acting through the tickets
	} {
		if err := wire(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

// buildCore makes the bot and gives it its FAQ.
func (a *app) buildCore(ctx context.Context) error {
	cfg := a.cfg
	kb, err := loadKB(ctx, a.faqFS, cfg.Bot.FAQDir)
	if err != nil {
		return err
	}
	opts := bot.Options{
		Name:          cfg.Bot.Name,
		Lang:          cfg.Bot.Language,
		Mentors:       cfg.Mentors.IDs,
		Admins:        cfg.Bot.Admins,
		RoomLang:      map[string]string{},
		Logger:        a.log,
		QuestionsOnly: cfg.Bot.SharedRooms != "all",
	}
	if r := cfg.Mentors.Room; r.ID != "" {
		opts.MentorsRoom = &bot.Room{Adapter: r.Adapter, ID: r.ID}
	}
	for _, r := range cfg.Rooms {
		if r.Language != "" {
			opts.RoomLang[bot.Room{Adapter: r.Adapter, ID: r.ID}.Key()] = r.Language
		}
	}
	a.bot = bot.New(opts)
	m, err := newMatcher(kb, cfg)
	if err != nil {
		return err
	}
	a.bot.SetFAQ(m, kb)
	return nil
}

func (a *app) addAdapter(ad bot.Adapter, err error) error {
	if err != nil {
		return err
	}
	return a.bot.AddAdapter(ad)
}

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
	opts := faq.Options{Threshold: cfg.Matcher.Threshold, Suggest: cfg.Matcher.Suggest}
	if p := cfg.Matcher.Calibration; p != "" {
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
