package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/example"
	"codeberg.org/entraide/entraide/storage"
)

func announceCommand() *subcommand {
	return &subcommand{
		name:    "announce",
		summary: "check announcement files, preview the posting schedule, print the trainings calendar",
		usage: `Usage: entraide announce lint [--config FILE [--community NAME]] [DIR]
       entraide announce preview [--config FILE [--community NAME] | --example] [--from DATE] [--to DATE]
       entraide announce ics [--config FILE [--community NAME] | --example] > trainings.ics

lint     check every announcement file under DIR (default: bot.announce_dir
         of --config, else ./announcements); problems print as file:line
preview  what would be posted, when and where, from --from to --to (default:
         now and 90 days later); with --config, posts already recorded in
         the database are left out
ics      the trainings as an iCalendar feed (RFC 5545), as served at
         /trainings.ics when bot.listen is set

--config FILE  read bot.timezone, bot.announce_dir, [announce] and the database
--community NAME  the community whose announcements to read, when the config
               has [[communities]]
--example      the demo's embedded announcements and settings
DATE           2027-03-01, 2027-03-01T10:00 (in bot.timezone) or RFC 3339`,
		run: runAnnounce,
	}
}

// enableAnnouncements wires c's poster, the !formations / !services
// commands, the question router and its trainings feed: /trainings.ics,
// or /c/NAME/trainings.ics for a named community.
func enableAnnouncements(_ context.Context, a *app, c *community) error {
	src, err := annSourceOf(a.cfg, c.cfg.AnnounceDir, a.annFS)
	if err != nil {
		return err
	}
	if src.fsys == nil {
		if _, err := os.Stat(src.dir); errors.Is(err, os.ErrNotExist) {
			// No folder: announcements are off. Starting with an empty set
			// instead would read as "every file was removed" and cancel
			// what was announced.
			c.bot.Logger().Warn("announcements off: folder not found", "announce_dir", src.dir)
			return nil
		}
	}
	anns, err := c.loadAnnouncements(src)
	if err != nil {
		return fmt.Errorf("announcements have problems, refusing to start:\n%w", err)
	}
	sched, err := scheduleOf(a.cfg, c.cfg, src.loc)
	if err != nil {
		return err
	}
	an := bot.NewAnnouncer(c.bot, anns, bot.AnnouncerOptions{Schedule: sched, Store: a.db})
	an.Register()
	c.announcer = an
	c.onReload("announcements", func(context.Context) error { return a.reloadAnnouncements(c) })
	path := "/trainings.ics"
	if c.cfg.Name != "" {
		path = "/c/" + c.cfg.Name + "/trainings.ics"
	}
	feed := feedOf(c.cfg.Language)
	a.mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
		w.Header().Set("Content-Disposition", `inline; filename="trainings.ics"`)
		if err := announce.WriteICS(w, feed, an.Announcements(), time.Now()); err != nil {
			c.bot.Logger().Warn("trainings.ics: write failed", "err", err)
		}
	})
	return nil
}

// reloadAnnouncements re-reads c's announcement files into the running
// poster. On problems the previous set stays in place (and the error says
// why), so a bad edit never looks like removed announcements.
func (a *app) reloadAnnouncements(c *community) error {
	if c.announcer == nil {
		return nil
	}
	src, err := annSourceOf(a.cfg, c.cfg.AnnounceDir, a.annFS)
	if err != nil {
		return err
	}
	anns, err := c.loadAnnouncements(src)
	if err != nil {
		return err
	}
	c.announcer.Set(anns)
	return nil
}

// loadAnnouncements loads src and refuses a file that names a room of
// another community (or of none): a community posts only in its rooms.
func (c *community) loadAnnouncements(src annSource) ([]*announce.Announcement, error) {
	anns, err := src.load()
	if err != nil || c.cfg.Name == "" {
		return anns, err
	}
	var errs []error
	for _, an := range anns {
		for _, r := range an.Rooms {
			if !c.owns(r.Adapter, r.ID) {
				errs = append(errs, fmt.Errorf("%s: rooms: %s is not a room of community %s", an.Path, r, c.cfg.Name))
			}
		}
	}
	return anns, errors.Join(errs...)
}

// annSource is where announcements are read from and in which time zone.
type annSource struct {
	fsys fs.FS // embedded example, or nil for dir
	dir  string
	loc  *time.Location
	demo bool // the demo's examples: dates moved to come after today (demo_dates.go)
}

func annSourceOf(cfg *config.Config, dir string, fsys fs.FS) (annSource, error) {
	loc, err := time.LoadLocation(cfg.Bot.Timezone)
	if err != nil {
		return annSource{}, fmt.Errorf("bot.timezone %q: %w", cfg.Bot.Timezone, err)
	}
	src := annSource{fsys: fsys, dir: dir, loc: loc}
	if d, ok := fsys.(demoAnnFS); ok {
		src.fsys, src.demo = d.FS, true
	}
	return src, nil
}

func (s annSource) load() ([]*announce.Announcement, error) {
	if s.fsys == nil {
		return announce.LoadDir(s.dir, s.loc)
	}
	anns, err := announce.LoadFS(s.fsys, s.loc)
	if err != nil || !s.demo {
		return anns, err
	}
	return demoDates(anns, s.loc, time.Now()), nil
}

// scheduleOf reads the [announce] section for community g: a named
// community's announcements go to its rooms, the implicit one's to
// [announce] rooms.
func scheduleOf(cfg *config.Config, g config.Community, loc *time.Location) (announce.Schedule, error) {
	s := announce.Schedule{Location: loc}
	for _, d := range cfg.Announce.TrainingOffsets {
		if d.Duration <= 0 {
			return s, fmt.Errorf("[announce] training_offsets: %q is not a positive duration (write 14d, 2d, 3h)", d.String())
		}
		s.Offsets = append(s.Offsets, d.Duration)
	}
	if t := cfg.Announce.ServiceTime; t != "" {
		c, ok := announce.ParseClock(t)
		if !ok {
			return s, fmt.Errorf("[announce] service_time %q: write a time of day like 10:00", t)
		}
		s.ServiceTime = c
	}
	rooms := cfg.Announce.Rooms
	if g.Name != "" {
		rooms = nil
		for _, r := range g.Rooms {
			rooms = append(rooms, config.RoomRef{Adapter: r.Adapter, ID: r.ID})
		}
	}
	for _, r := range rooms {
		s.Rooms = append(s.Rooms, announce.Room{Adapter: r.Adapter, ID: r.ID})
	}
	return s, nil
}

func feedOf(lang string) announce.Feed {
	return announce.Feed{
		Name:          bot.T(lang, "ann.feed_name"),
		Domain:        "entraide",
		PriceLabel:    bot.T(lang, "ann.price_label"),
		RegisterLabel: bot.T(lang, "ann.register_label"),
		OnlineLabel:   bot.T(lang, "ann.online"),
	}
}

func runAnnounce(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"missing action: lint, preview or ics"}
	}
	action := args[0]
	fl := newFlags("announce " + action)
	cfgPath := fl.String("config", "", "")
	commName := fl.String("community", "", "")
	var useExample *bool
	var from, to *string
	switch action {
	case "lint":
	case "preview":
		useExample = fl.Bool("example", false, "")
		from, to = fl.String("from", "", ""), fl.String("to", "", "")
	case "ics":
		useExample = fl.Bool("example", false, "")
	default:
		return usageError{fmt.Sprintf("unknown action %q: use lint, preview or ics", action)}
	}
	if err := parseFlags(fl, args[1:]); err != nil {
		return err
	}
	if useExample != nil && *useExample && *cfgPath != "" {
		return usageError{"give --config or --example, not both"}
	}
	var cfg *config.Config
	var fsys fs.FS
	switch {
	case *cfgPath != "":
		c, err := config.LoadOffline(*cfgPath)
		if err != nil {
			return err
		}
		cfg = c
	case useExample != nil && *useExample:
		c, err := demoConfig("")
		if err != nil {
			return err
		}
		cfg, fsys = c, example.Announcements()
	default:
		cfg = config.Default()
	}
	if *commName != "" && *cfgPath == "" {
		return usageError{"--community needs --config"}
	}
	g, err := cfg.Community(*commName)
	if err != nil {
		return usageError{err.Error()}
	}
	src, err := annSourceOf(cfg, g.AnnounceDir, fsys)
	if err != nil {
		return err
	}
	switch action {
	case "lint":
		if fl.NArg() > 1 {
			return usageError{"unexpected argument " + fl.Arg(1)}
		}
		if fl.NArg() == 1 {
			src.dir = fl.Arg(0)
		}
		anns, err := src.load()
		if err != nil {
			return err
		}
		now := time.Now()
		for _, a := range anns {
			// not an error: the file keeps the training in the history
			if end := a.End; a.Kind == announce.Training && !end.IsZero() && end.Before(now) {
				fmt.Fprintf(e.stdout, "%s: warning: the training ended on %s: it will not be announced again; remove the file when it is no longer useful\n",
					a.Path, end.In(src.loc).Format("2006-01-02"))
			}
		}
		fmt.Fprintf(e.stdout, "%s: %d announcements, no problem\n", src.dir, len(anns))
		return nil
	case "ics":
		if fl.NArg() > 0 {
			return usageError{"unexpected argument " + fl.Arg(0)}
		}
		anns, err := src.load()
		if err != nil {
			return err
		}
		return announce.WriteICS(e.stdout, feedOf(g.Language), anns, time.Now())
	}
	if fl.NArg() > 0 {
		return usageError{"unexpected argument " + fl.Arg(0)}
	}
	return preview(ctx, e, cfg, g, src, *cfgPath != "", *from, *to)
}

func preview(ctx context.Context, e *env, cfg *config.Config, g config.Community, src annSource, withHistory bool, fromS, toS string) error {
	from, to := time.Now(), time.Time{}
	var err error
	if fromS != "" {
		if from, err = parseDate(fromS, src.loc); err != nil {
			return usageError{"--from: " + err.Error()}
		}
	}
	to = from.AddDate(0, 0, 90)
	if toS != "" {
		if to, err = parseDate(toS, src.loc); err != nil {
			return usageError{"--to: " + err.Error()}
		}
	}
	if !to.After(from) {
		return usageError{"--to must come after --from"}
	}
	anns, err := src.load()
	if err != nil {
		return err
	}
	sched, err := scheduleOf(cfg, g, src.loc)
	if err != nil {
		return err
	}
	if len(sched.Rooms) == 0 {
		fmt.Fprintln(e.stderr, "note: no announcement rooms in [announce] rooms; only files that name rooms are posted")
	}
	var hist []announce.Record
	if withHistory {
		if _, err := os.Stat(cfg.Bot.Database); err == nil || config.IsDatabaseURL(cfg.Bot.Database) {
			db, err := storage.Open(ctx, cfg.Bot.Database, cfg.Bot.DatabasePassword)
			if err != nil {
				return err
			}
			hist, err = db.AnnounceHistory(ctx)
			db.Close()
			if err != nil {
				return err
			}
		}
	}
	posts := sched.Simulate(anns, hist, from, to)
	fmt.Fprintf(e.stdout, "Posts from %s to %s (%s):\n", from.In(src.loc).Format("2006-01-02 15:04"),
		to.In(src.loc).Format("2006-01-02 15:04"), src.loc)
	if len(posts) == 0 {
		fmt.Fprintln(e.stdout, "nothing to post")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN\tROOM\tPOST\tFILE\tTITLE")
	for _, p := range posts {
		what := string(p.Kind)
		switch {
		case p.Kind == announce.Announce && p.Offset > 0:
			what += " " + formatOffset(p.Offset) + " before"
		case p.Kind == announce.Correction:
			what += fmt.Sprintf(" #%d", p.Seq)
		}
		title := ""
		if p.Ann != nil {
			title = p.Ann.Title
		} else if p.Prev != nil {
			title = p.Prev.Title
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.At.In(src.loc).Format("2006-01-02 15:04"), p.Room, what, p.FileID, title)
	}
	return tw.Flush()
}

func formatOffset(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return strings.TrimSuffix(strings.TrimSuffix(d.String(), "0s"), "0m")
}

// parseDate reads 2027-03-01, 2027-03-01T10:00 (in loc) or RFC 3339.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q: write 2027-03-01, 2027-03-01T10:00 or RFC 3339", s)
}
