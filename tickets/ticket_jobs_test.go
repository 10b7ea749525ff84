package tickets_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

var remindOpts = tickets.Options{RemindAfter: 30 * time.Minute, RemindEvery: time.Hour, ClaimedIdle: 24 * time.Hour}

// reminders runs one pass of the jobs and returns what went to the mentors.
func (e *ticketEnv) reminders(t *testing.T) []string {
	t.Helper()
	e.fa.Take()
	if err := e.tk.RunJobs(e.ctx); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range e.fa.Take() {
		if r.Room.ID != "mentors" {
			t.Fatalf("a job wrote outside the mentors' room: %+v", r)
		}
		out = append(out, r.Text)
	}
	return out
}

func TestRemindersForOpenAndIdleClaimedTickets(t *testing.T) {
	e := newTicketEnv(t, nil, remindOpts)
	e.open(t) // #1 at 0
	e.clock.Advance(10 * time.Minute)
	e.say("support", "dave", "une question sur zorglub") // #2 at 10m
	e.clock.Advance(19 * time.Minute)                    // 29m
	if r := e.reminders(t); len(r) != 0 {
		t.Fatalf("too early: %q", r)
	}
	e.clock.Advance(2 * time.Minute) // 31m: #1 is due, #2 is not
	r := e.reminders(t)
	if len(r) != 1 {
		t.Fatalf("want one reminder, got %q", r)
	}
	mustContain(t, "reminder", r[0], "Le ticket n° 1 attend un·e mentor depuis 31 min — alice dans fake:support", "> vous avez une instance jitsi")
	if r := e.reminders(t); len(r) != 0 {
		t.Fatalf("reminded twice in the same minute: %q", r)
	}
	e.clock.Advance(10 * time.Minute) // 41m: #2 due
	if r := e.reminders(t); len(r) != 1 || !strings.Contains(r[0], "n° 2") {
		t.Fatalf("want #2 only: %q", r)
	}
	e.clock.Advance(50 * time.Minute) // 1h31: #1 reminded 60 min ago
	if r := e.reminders(t); len(r) != 1 || !strings.Contains(r[0], "n° 1") || !strings.Contains(r[0], "1 h") {
		t.Fatalf("want #1 again after remind_every: %q", r)
	}
	e.mentor(t, "bob", "!claim 1")
	e.mentor(t, "carol", "!answer 2 voilà")
	e.clock.Advance(23 * time.Hour)
	if r := e.reminders(t); len(r) != 0 {
		t.Fatalf("claimed ticket reminded before claimed_idle, or answered one reminded: %q", r)
	}
	e.clock.Advance(time.Hour + time.Minute)
	r = e.reminders(t)
	if len(r) != 1 {
		t.Fatalf("want the idle claimed ticket: %q", r)
	}
	mustContain(t, "idle claim", r[0], "Le ticket n° 1, pris par bob, est sans réponse depuis 24 h")
	e.mentor(t, "bob", "!unclaim 1") // back to open: the clock for remind_after starts again
	e.clock.Advance(29 * time.Minute)
	if r := e.reminders(t); len(r) != 0 {
		t.Fatalf("unclaimed just now: %q", r)
	}
	e.clock.Advance(2 * time.Minute)
	if r := e.reminders(t); len(r) != 1 {
		t.Fatalf("want a reminder 30 min after the unclaim: %q", r)
	}
}

func TestRemindersOffWhenDurationsAreZero(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	e.clock.Advance(1000 * time.Hour)
	if r := e.reminders(t); len(r) != 0 {
		t.Fatalf("reminders are off: %q", r)
	}
}

func TestReminderJobRunsInTheBackground(t *testing.T) {
	opts := remindOpts
	opts.Tick = time.Minute
	e := newTicketEnv(t, nil, opts)
	e.open(t)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- e.b.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	<-e.fa.Ready()
	deadline := time.Now().Add(5 * time.Second)
	for e.clock.Pending() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the job never waited on the clock")
		}
		time.Sleep(time.Millisecond)
	}
	before := len(e.fa.In("mentors"))
	e.clock.Advance(31 * time.Minute)
	for len(e.fa.In("mentors")) == before {
		if time.Now().After(deadline) {
			t.Fatal("no reminder from the background job")
		}
		time.Sleep(time.Millisecond)
	}
	mustContain(t, "background reminder", e.fa.Last().Text, "attend un·e mentor depuis 31 min")
}

func TestRetentionPurgesOldResolvedTickets(t *testing.T) {
	opts := tickets.Options{Retention: 30 * 24 * time.Hour}
	e := newTicketEnv(t, nil, opts)
	e.open(t)
	e.mentor(t, "bob", "!answer 1 réponse privée")
	e.mentor(t, "bob", "!resolve 1")
	e.say("support", "alice", knownQ) // a FAQ answer record with alice's words
	e.clock.Advance(20 * 24 * time.Hour)
	e.say("support", "dave", "une question sur zorglub")
	e.mentor(t, "bob", "!resolve 2")
	e.say("support", "erin", "encore une question sur zorglub") // #3 stays open
	e.clock.Advance(11 * 24 * time.Hour)
	if r := e.reminders(t); len(r) != 0 {
		t.Fatalf("retention must not post anything: %q", r)
	}
	t1, t2, t3 := e.ticket(t, 1), e.ticket(t, 2), e.ticket(t, 3)
	if !t1.Purged || t1.Question != "" || t1.Answer != "" || t1.State != tickets.Resolved || t1.Room.ID != "support" {
		t.Fatalf("ticket 1 must be purged but counted: %+v", t1)
	}
	if t2.Purged || t2.Question == "" || t3.Purged || t3.Question == "" {
		t.Fatalf("younger or open tickets must be kept: %+v %+v", t2, t3)
	}
	evs, _ := e.store.TicketEvents(e.ctx, 1)
	for _, ev := range evs {
		if ev.Note != "" {
			t.Fatalf("the answer text survived in the history: %+v", ev)
		}
	}
	if last := evs[len(evs)-1]; last.Kind != "purge" {
		t.Fatalf("the purge must be in the history: %+v", last)
	}
	all, _ := e.store.Tickets(e.ctx, tickets.Filter{})
	if len(all) != 3 {
		t.Fatalf("counts must be kept: %d tickets", len(all))
	}
	var n int
	if err := e.db.QueryRow(`SELECT count(*) FROM faq_answers WHERE question <> ''`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("old FAQ answer records keep their question: %d %v", n, err)
	}
	mustContain(t, "show purged", e.mentor(t, "bob", "!ticket 1"), "texte effacé selon la durée de conservation", "texte effacé (entraide)")
	mustContain(t, "faq of purged", e.mentor(t, "bob", "!faq 1"), "a été effacé")
	if n, err := e.store.PurgeResolved(e.ctx, e.clock.Now()); err != nil || n != 1 {
		t.Fatalf("a second purge only takes ticket 2: %d %v", n, err)
	}
}

func TestDraftID(t *testing.T) {
	cases := map[string]string{
		"Comment je change mon mot de passe Mastodon ?":    "change-mot-passe-mastodon",
		"Où est le local ?":                                "local",
		"L'adhésion coûte combien en 2026 ?":               "adhesion-coute-combien-2026",
		"How do I reset my password?":                      "reset-password",
		"???":                                              "",
		"ünïcödé ÉTÉ façade":                               "unicode-ete-facade",
		"un deux trois quatre cinq six sept huit neuf dix": "deux-trois-quatre-cinq-six-sept",
	}
	for in, want := range cases {
		if got := tickets.DraftID(in); got != want {
			t.Errorf("DraftID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFAQDraftsLoadAndAreUnique(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "drafts")
	kb := testKB(t) // holds formation-tarifs
	tk := &tickets.Ticket{ID: 4, Lang: "en", Question: "Formation: tarifs ?\n(ça ne marche pas)", Answer: "It costs **30 €**.\n\nSee the site.",
		Mentor: tickets.Actor{Adapter: "fake", ID: "bob", Name: "Bob"}}
	p1, err := tickets.WriteFAQDraft(dir, tk, kb)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p1) != "formation-tarifs-2.md" {
		t.Fatalf("an id taken in the FAQ must not be reused: %s", p1)
	}
	tricky := &tickets.Ticket{ID: 5, Lang: "fr", Question: `"Quoi" : - # [x] {y} & *z* @w | > ok ?`, Answer: "Voilà."}
	p2, err := tickets.WriteFAQDraft(dir, tricky, kb)
	if err != nil {
		t.Fatal(err)
	}
	noWords := &tickets.Ticket{ID: 6, Lang: "fr", Question: "???", Answer: "Précisez ?"}
	p3, err := tickets.WriteFAQDraft(dir, noWords, kb)
	if err != nil || filepath.Base(p3) != "ticket-6.md" {
		t.Fatalf("fallback id: %s %v", p3, err)
	}
	p4, _ := tickets.WriteFAQDraft(dir, tk, kb)
	if filepath.Base(p4) != "formation-tarifs-3.md" {
		t.Fatalf("an existing draft file must not be overwritten: %s", p4)
	}
	loaded, err := faq.LoadDir(dir)
	if err != nil {
		t.Fatalf("drafts must pass the FAQ lint: %v", err)
	}
	if len(loaded.Entries) != 4 {
		t.Fatalf("want 4 drafts, got %d", len(loaded.Entries))
	}
	e, _ := loaded.Get("formation-tarifs-2")
	if !e.Draft || e.Lang != "en" || e.Title != "Formation: tarifs ?" || len(e.Questions) != 1 ||
		e.Questions[0] != "Formation: tarifs ?" || e.Body != "It costs **30 €**.\n\nSee the site." {
		t.Fatalf("draft: %+v", e)
	}
	e2, _ := loaded.Get(strings.TrimSuffix(filepath.Base(p2), ".md"))
	if e2.Questions[0] != tricky.Question {
		t.Fatalf("YAML quoting lost text: %q", e2.Questions[0])
	}
	if len(loaded.Served()) != 0 {
		t.Fatal("drafts must never be served")
	}
	if _, err := tickets.WriteFAQDraft(dir, &tickets.Ticket{ID: 7, Question: "x"}, kb); err == nil {
		t.Fatal("a ticket without answer cannot become a draft")
	}
}

func TestFAQCommand(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	mustContain(t, "no answer yet", e.mentor(t, "bob", "!faq 1"), "n'a pas encore de réponse")
	e.mentor(t, "bob", "!answer 1 Oui, sur https://visio.example.")
	reply := e.mentor(t, "carol", "!faq 1")
	want := filepath.Join(e.drafts, "instance-jitsi.md")
	mustContain(t, "path told", reply, "écrit dans "+bot.EscapeMarkdown(want))
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "draft file", string(data), "draft: true", "lang: fr", "Oui, sur https://visio.example.", "answered by bob")

	// Without a drafts folder the command says so.
	b, fa := newTicketBot(t, nil)
	db := openTestDB(t, filepath.Join(t.TempDir(), "t.db"))
	tickets.Enable(b, sqlite.NewTicketStore(db), tickets.Options{})
	fa.Say(e.ctx, b, "mentors", "bob", "!faq 1")
	mustContain(t, "no drafts dir", fa.Last().Text, "mentors.drafts_dir")
	_ = bottest.Texts
}

func TestGroupDraftGathersTheQuestionsAndTheLatestAnswer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "drafts")
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	group := []*tickets.Ticket{
		{ID: 3, Lang: "fr", Question: "Où se garer près du local ?", Updated: day},
		{ID: 5, Lang: "fr", Question: "où  se garer près du local ?", Answer: "Rue des Lilas.", Updated: day.Add(time.Hour)},
		{ID: 8, Lang: "fr", Question: "Parking au local ?", Answer: "Parking du marché.", Updated: day.Add(2 * time.Hour)},
		{ID: 9, Lang: "fr", Purged: true},
	}
	p, err := tickets.WriteGroupDraft(dir, group, nil)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := faq.LoadDir(dir)
	if err != nil {
		t.Fatalf("group drafts must pass the FAQ lint: %v", err)
	}
	e, ok := loaded.Get(strings.TrimSuffix(filepath.Base(p), ".md"))
	if !ok || !e.Draft || e.Title != "Où se garer près du local ?" || e.Body != "Parking du marché." ||
		strings.Join(e.Questions, "|") != "Où se garer près du local ?|Parking au local ?" {
		t.Fatalf("draft: %+v", e)
	}
	data, _ := os.ReadFile(p)
	mustContain(t, "tickets named", string(data), "# tickets #3 #5 #8;")

	p2, err := tickets.WriteGroupDraft(dir, group[:1], nil)
	if err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(p2)
	mustContain(t, "placeholder answer", string(data), "(Réponse à écrire.)")
	if _, err := tickets.WriteGroupDraft(dir, group[3:], nil); err == nil {
		t.Fatal("purged tickets alone cannot make a draft")
	}
}
