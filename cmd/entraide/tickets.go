package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/example"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
)

func ticketsCommand() *subcommand {
	return &subcommand{
		name:    "tickets",
		summary: "list, show and turn into FAQ drafts the tickets handed to mentors",
		usage: `Usage: entraide tickets list [--state S] [--json] [--config FILE [--community NAME] | --db FILE]
       entraide tickets show N [--config FILE [--community NAME] | --db FILE]
       entraide tickets to-faq N [--drafts DIR] [--config FILE [--community NAME] | --db FILE]

list     tickets oldest first; --state open, claimed, answered or resolved
         (several with commas); --json prints a JSON array
show     one ticket with its history
to-faq   write an answered ticket as a draft FAQ entry (draft: true) and
         print its path; by default into mentors.drafts_dir, else
         <faq_dir>/drafts (with --db: a drafts folder next to the database)

--config FILE  read the database path and folders from a config file
--community NAME  the community whose tickets to read, when the config has
               [[communities]] (each numbers its tickets from 1)
--db FILE      use this database (default: the demo's, in the user's cache folder)`,
		run: runTickets,
	}
}

// enableTickets wires escalation to c's mentors into c's bot.
func enableTickets(_ context.Context, a *app, c *community) error {
	m := a.cfg.Mentors
	loc, err := time.LoadLocation(a.cfg.Bot.Timezone)
	if err != nil {
		return fmt.Errorf("bot.timezone %q: %w", a.cfg.Bot.Timezone, err)
	}
	opts := tickets.Options{
		Location:    loc,
		RemindAfter: m.RemindAfter.Duration,
		RemindEvery: m.RemindEvery.Duration,
		ClaimedIdle: m.ClaimedIdle.Duration,
		Retention:   time.Duration(m.RetentionDays) * 24 * time.Hour,
		DraftsDir:   draftsDir(a.cfg, c.cfg, a.faqFS != nil),
	}
	c.desk, err = tickets.Enable(c.bot, c.store, opts)
	return err
}

// draftsDir is where community g's FAQ drafts go: its configured folder,
// else a drafts folder inside its FAQ. An embedded FAQ (the demo) cannot be
// written to, so its drafts go next to the database (or, with a database
// server, into the user's cache folder).
func draftsDir(cfg *config.Config, g config.Community, embeddedFAQ bool) string {
	switch {
	case g.DraftsDir != "":
		return g.DraftsDir
	case embeddedFAQ && config.IsDatabaseURL(cfg.Bot.Database):
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = "."
		}
		return filepath.Join(dir, "entraide", "drafts")
	case embeddedFAQ:
		return filepath.Join(filepath.Dir(cfg.Bot.Database), "drafts")
	}
	return filepath.Join(g.FAQDir, "drafts")
}

// storeFlags are the flags shared by the maintenance commands that read the
// database: --config FILE or --db FILE (default: the demo database), and
// --community NAME when the config has [[communities]].
type storeFlags struct{ config, db, community *string }

func addStoreFlags(fs *flag.FlagSet) storeFlags {
	return storeFlags{config: fs.String("config", "", ""), db: fs.String("db", "", ""),
		community: fs.String("community", "", "")}
}

// communityStore is one community's records in an open database.
type communityStore struct {
	storage.CommunityStore
	db   storage.Store
	comm config.Community // its folders
}

func (s communityStore) Close() error { return s.db.Close() }

// open returns the chosen community's records, the config they came from,
// and whether the FAQ is the embedded example (no config file).
func (f storeFlags) open(ctx context.Context) (communityStore, *config.Config, bool, error) {
	if *f.config != "" && *f.db != "" {
		return communityStore{}, nil, false, usageError{"give --config or --db, not both"}
	}
	if *f.community != "" && *f.config == "" {
		return communityStore{}, nil, false, usageError{"--community needs --config"}
	}
	var cfg *config.Config
	var err error
	embedded := *f.config == ""
	if embedded {
		cfg, err = demoConfig(*f.db)
	} else {
		cfg, err = config.LoadOffline(*f.config)
	}
	if err != nil {
		return communityStore{}, nil, false, err
	}
	g, err := cfg.Community(*f.community)
	if err != nil {
		return communityStore{}, nil, false, usageError{err.Error()}
	}
	if _, err := os.Stat(cfg.Bot.Database); err != nil && !config.IsDatabaseURL(cfg.Bot.Database) {
		return communityStore{}, nil, false, fmt.Errorf("database %s: %w", cfg.Bot.Database, err)
	}
	db, err := storage.Open(ctx, cfg.Bot.Database, cfg.Bot.DatabasePassword)
	readOnly := errors.Is(err, sqlite.ErrReadOnly)
	if readOnly {
		// a copy on a read-only disk can still be listed and reported on
		db, err = storage.OpenReadOnly(ctx, cfg.Bot.Database, cfg.Bot.DatabasePassword)
	}
	if err != nil {
		return communityStore{}, nil, false, err
	}
	if len(cfg.Communities) > 0 && !readOnly {
		// the bot gives them to the first community at start; so does this
		if _, err := db.AdoptTickets(ctx, cfg.Communities[0].Name); err != nil {
			db.Close()
			return communityStore{}, nil, false, err
		}
	}
	return communityStore{CommunityStore: db.In(g.Name), db: db, comm: g}, cfg, embedded, nil
}

// splitArgs separates flags from positional arguments so that
// "show 3 --db x" and "show --db x 3" both work.
func splitArgs(args []string) (flags, pos []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && a != "--json" && a != "-json" && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return flags, pos
}

func runTickets(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"missing action: list, show or to-faq"}
	}
	action := args[0]
	flagArgs, pos := splitArgs(args[1:])
	fs := newFlags("tickets " + action)
	sf := addStoreFlags(fs)
	var state *string
	var asJSON *bool
	var drafts *string
	switch action {
	case "list":
		state = fs.String("state", "", "")
		asJSON = fs.Bool("json", false, "")
	case "show":
	case "to-faq":
		drafts = fs.String("drafts", "", "")
	default:
		return usageError{fmt.Sprintf("unknown action %q: use list, show or to-faq", action)}
	}
	if err := parseFlags(fs, flagArgs); err != nil {
		return err
	}
	var id int64
	if action == "list" {
		if len(pos) > 0 {
			return usageError{"unexpected argument " + pos[0]}
		}
	} else {
		if len(pos) != 1 {
			return usageError{action + " needs one ticket number"}
		}
		n, err := strconv.ParseInt(strings.TrimPrefix(pos[0], "#"), 10, 64)
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("%q is not a ticket number", pos[0])}
		}
		id = n
	}
	var states []tickets.State
	if state != nil && *state != "" {
		for _, s := range strings.Split(*state, ",") {
			st := tickets.State(strings.TrimSpace(s))
			if !validState(st) {
				return usageError{fmt.Sprintf("unknown state %q: use open, claimed, answered or resolved", s)}
			}
			states = append(states, st)
		}
	}
	db, cfg, embedded, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	// dates in the zone the chat shows them in
	loc, err := time.LoadLocation(cfg.Bot.Timezone)
	if err != nil {
		return fmt.Errorf("bot.timezone %q: %w", cfg.Bot.Timezone, err)
	}
	switch action {
	case "list":
		ts, err := db.Tickets(ctx, tickets.Filter{States: states})
		if err != nil {
			return err
		}
		if *asJSON {
			return writeTicketsJSON(e.stdout, ts)
		}
		writeTicketList(e.stdout, ts, loc)
		return nil
	case "show":
		t, err := db.Ticket(ctx, id)
		if err != nil {
			return ticketLookupErr(id, err)
		}
		evs, err := db.TicketEvents(ctx, id)
		if err != nil {
			return err
		}
		writeTicket(e.stdout, t, evs, loc)
		return nil
	}
	t, err := db.Ticket(ctx, id)
	if err != nil {
		return ticketLookupErr(id, err)
	}
	dir := *drafts
	if dir == "" {
		dir = draftsDir(cfg, db.comm, embedded)
	}
	var kb *faq.KB
	if embedded {
		kb, err = faq.LoadFS(example.FAQ())
	} else {
		kb, err = faq.LoadDir(db.comm.FAQDir)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "warning: FAQ not loaded, the draft id is only checked against %s: %v\n", dir, err)
		kb = nil
	}
	path, err := tickets.WriteFAQDraft(dir, t, kb)
	if err != nil {
		var te *tickets.Refusal
		if errors.As(err, &te) {
			return errors.New(bot.T("en", te.Key, te.Args...))
		}
		return err
	}
	fmt.Fprintln(e.stdout, path)
	// the history says which entry answers the ticket, for "faq labels"
	if err := tickets.RecordFAQDraft(ctx, db, id, path, tickets.Actor{}, time.Now()); err != nil {
		return fmt.Errorf("draft written, but not recorded in the history of ticket #%d: %w", id, err)
	}
	return nil
}

func ticketLookupErr(id int64, err error) error {
	if errors.Is(err, tickets.ErrNoTicket) {
		return fmt.Errorf("there is no ticket #%d", id)
	}
	return err
}

func validState(s tickets.State) bool {
	for _, st := range tickets.States {
		if s == st {
			return true
		}
	}
	return false
}

// ticketJSON is the stable JSON form of a ticket for scripts.
type ticketJSON struct {
	ID       int64      `json:"id"`
	State    string     `json:"state"`
	Origin   string     `json:"origin"`
	Adapter  string     `json:"adapter"`
	Room     string     `json:"room"`
	Asker    string     `json:"asker"`
	Question string     `json:"question"`
	Lang     string     `json:"lang"`
	EntryID  string     `json:"entry_id,omitempty"`
	Guesses  []string   `json:"guesses,omitempty"`
	Mentor   string     `json:"mentor,omitempty"`
	Answer   string     `json:"answer,omitempty"`
	Created  time.Time  `json:"created"`
	Updated  time.Time  `json:"updated"`
	Resolved *time.Time `json:"resolved,omitempty"`
	Purged   bool       `json:"purged"`
}

func writeTicketsJSON(w io.Writer, ts []*tickets.Ticket) error {
	out := make([]ticketJSON, 0, len(ts))
	for _, t := range ts {
		j := ticketJSON{ID: t.ID, State: string(t.State), Origin: t.Origin, Adapter: t.Room.Adapter, Room: t.Room.ID,
			Asker: t.Asker.ID, Question: t.Question, Lang: t.Lang, EntryID: t.EntryID, Guesses: t.Guesses,
			Mentor: t.Mentor.ID, Answer: t.Answer, Created: t.Created.UTC(), Updated: t.Updated.UTC(), Purged: t.Purged}
		if !t.Resolved.IsZero() {
			r := t.Resolved.UTC()
			j.Resolved = &r
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeTicketList(w io.Writer, ts []*tickets.Ticket, loc *time.Location) {
	if len(ts) == 0 {
		fmt.Fprintln(w, "no ticket")
		return
	}
	for _, t := range ts {
		q := strings.Join(strings.Fields(t.Question), " ")
		if r := []rune(q); len(r) > 70 {
			q = string(r[:69]) + "…"
		}
		mentor := t.Mentor.ID
		if mentor == "" {
			mentor = "-"
		}
		fmt.Fprintf(w, "#%-5d %-9s %s  %-24s %-16s %-12s %s\n", t.ID, t.State, t.Created.In(loc).Format("2006-01-02 15:04"),
			t.Room.Key(), t.Asker.ID, mentor, q)
	}
}

// originLabel says why a ticket was opened, for the CLI.
func originLabel(origin string) string {
	switch origin {
	case tickets.OriginUnanswered:
		return "the FAQ had no answer"
	case tickets.OriginFeedback:
		return "a FAQ answer did not help"
	case tickets.OriginHuman:
		return "the person asked for someone"
	}
	return origin
}

func writeTicket(w io.Writer, t *tickets.Ticket, evs []tickets.Event, loc *time.Location) {
	fmt.Fprintf(w, "Ticket #%d (%s, opened because %s)\n", t.ID, t.State, originLabel(t.Origin))
	fmt.Fprintf(w, "Asker:    %s in %s (message %s)\n", t.Asker.DisplayName(), t.Room.Key(), t.MsgID)
	fmt.Fprintf(w, "Language: %s\nOpened:   %s\n", t.Lang, t.Created.In(loc).Format(time.RFC3339))
	if t.Purged {
		fmt.Fprintln(w, "Question: (erased by the retention policy)")
	} else {
		fmt.Fprintf(w, "Question: %s\n", t.Question)
	}
	if t.EntryID != "" {
		fmt.Fprintf(w, "FAQ entry that did not help: %s\n", t.EntryID)
	}
	if len(t.Guesses) > 0 {
		fmt.Fprintf(w, "FAQ guesses: %s\n", strings.Join(t.Guesses, ", "))
	}
	if t.Mentor.ID != "" {
		fmt.Fprintf(w, "Mentor:   %s (%s)\n", t.Mentor.DisplayName(), t.Mentor.Adapter)
	}
	if len(t.Context) > 0 {
		fmt.Fprintln(w, "Before:")
		for _, turn := range t.Context {
			fmt.Fprintf(w, "  %s  %s", turn.At.In(loc).Format("15:04:05"), turn.Said)
			if len(turn.Entries) > 0 {
				fmt.Fprintf(w, "  → %s: %s", turn.Reply, strings.Join(turn.Entries, " ; "))
			}
			fmt.Fprintln(w)
		}
	}
	// the history holds the conversation: every answer and every message
	// of the asker, with its words
	fmt.Fprintln(w, "History:")
	for _, ev := range evs {
		who := ev.Actor.DisplayName()
		if who == "" {
			who = "entraide"
		}
		fmt.Fprintf(w, "  %s  %-8s %-9s → %-9s %s\n", ev.At.In(loc).Format("2006-01-02 15:04:05"), ev.Kind, ev.From, ev.To, who)
		if ev.Note != "" && (ev.Kind == "answer" || ev.Kind == "message") {
			fmt.Fprintf(w, "      %s\n", strings.ReplaceAll(ev.Note, "\n", "\n      "))
		}
	}
}

func reportCommand() *subcommand {
	return &subcommand{
		name:    "report",
		summary: "what the FAQ is missing: unanswered questions by topic, least helpful entries",
		usage: `Usage: entraide report [--top N] [--config FILE [--community NAME] | --db FILE]

Groups the questions that became tickets because the FAQ had no answer by
similarity (largest groups first: candidates for new entries), then lists the
FAQ entries with the most "not helpful" feedback (candidates for rewriting).

--top N        show at most N groups and N entries (default 10)
--config FILE  read the database path from a config file
--community NAME  the community to report on, when the config has [[communities]]
--db FILE      use this database (default: the demo's, in the user's cache folder)`,
		run: runReport,
	}
}

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags("report")
	sf := addStoreFlags(fs)
	top := fs.Int("top", 10, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected argument " + fs.Arg(0)}
	}
	if *top < 1 {
		return usageError{"--top must be 1 or more"}
	}
	db, _, embedded, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	ts, err := db.Tickets(ctx, tickets.Filter{})
	if err != nil {
		return err
	}
	stats, err := db.FeedbackStats(ctx)
	if err != nil {
		return err
	}
	var kb *faq.KB
	if embedded {
		kb, _ = faq.LoadFS(example.FAQ())
	} else {
		kb, _ = faq.LoadDir(db.comm.FAQDir) // titles are a nicety; ids are enough
	}
	w := e.stdout
	counts := map[tickets.State]int{}
	for _, t := range ts {
		counts[t.State]++
	}
	fmt.Fprintf(w, "Tickets: %d (open %d, claimed %d, answered %d, resolved %d)\n\n", len(ts),
		counts[tickets.Open], counts[tickets.Claimed], counts[tickets.Answered], counts[tickets.Resolved])

	clusters := tickets.ClusterQuestions(ts, 0.2)
	fmt.Fprintln(w, "Unanswered questions, grouped by similarity:")
	if len(clusters) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	for i, c := range clusters {
		if i == *top {
			fmt.Fprintf(w, "  ... and %d more groups\n", len(clusters)-i)
			break
		}
		ids := make([]string, len(c.Tickets))
		for k, id := range c.Tickets {
			ids[k] = "#" + strconv.FormatInt(id, 10)
		}
		fmt.Fprintf(w, "  %d× %s\n", len(c.Tickets), strings.Join(ids, " "))
		for k, q := range c.Questions {
			if k == 3 {
				fmt.Fprintf(w, "       ...\n")
				break
			}
			fmt.Fprintf(w, "       %s\n", q)
		}
	}

	fmt.Fprintln(w, "\nFAQ entries with the most negative feedback:")
	shown := 0
	for _, st := range stats {
		if st.NotHelpful == 0 || shown == *top {
			break
		}
		title := ""
		if kb != nil {
			if en, ok := kb.Get(st.EntryID); ok {
				title = "  " + en.Title
			}
		}
		fmt.Fprintf(w, "  %-32s %3d not helpful, %3d helpful%s\n", st.EntryID, st.NotHelpful, st.Helpful, title)
		shown++
	}
	if shown == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	return nil
}
