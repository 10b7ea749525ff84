package bot_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/sqlite"
)

const annDay = 24 * time.Hour

var annParis, _ = time.LoadLocation("Europe/Paris")

var annStart = time.Date(2027, 3, 13, 9, 30, 0, 0, annParis)

func annTraining(id string, at time.Time) *announce.Announcement {
	return &announce.Announcement{ID: id, Kind: announce.Training, Title: "Réseaux libres " + id, Lang: "fr",
		Start: at, End: at.Add(8*time.Hour + 30*time.Minute), Place: "8 rue des Artisans, Grenoble",
		Price: "20 € / 30 € / 250 €", Register: "https://etabli.example/formations", Seats: 12,
		Body: "Mastodon, PeerTube, Funkwhale, PixelFed et Plume."}
}

func annService(id string, opens time.Time) *announce.Announcement {
	return &announce.Announcement{ID: id, Kind: announce.Service, Title: "PeerTube régional", Lang: "fr", AllDay: true,
		Start: opens, URL: "https://video.etabli.example", Body: "Une instance PeerTube associative."}
}

type annRig struct {
	t     *testing.T
	db    *sqlite.DB
	bot   *bot.Bot
	fake  *bottest.Adapter
	ann   *bot.Announcer
	clock *bottest.Clock
}

// newRig starts one bot instance on the database file at path.
func newAnnRig(t *testing.T, path string, clock *bottest.Clock, anns ...*announce.Announcement) *annRig {
	t.Helper()
	db := openTestDB(t, path)
	b := bot.New(bot.Options{RoomLang: map[string]string{"fake:en-room": "en"}})
	fake := bottest.New("fake")
	if err := b.AddAdapter(fake); err != nil {
		t.Fatal(err)
	}
	a := bot.NewAnnouncer(b, anns, bot.AnnouncerOptions{
		Schedule: announce.Schedule{Offsets: []time.Duration{14 * annDay, 2 * annDay}, Location: annParis,
			Rooms: []announce.Room{{Adapter: "fake", ID: "general"}}},
		Store: db, Clock: clock,
	})
	a.Register()
	return &annRig{t: t, db: db, bot: b, fake: fake, ann: a, clock: clock}
}

// tickAt moves the clock and runs one round, returning what was posted.
func (r *annRig) tickAt(at time.Time) []bot.Reply {
	r.t.Helper()
	r.clock.Set(at)
	if _, err := r.ann.Tick(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	return r.fake.Take()
}

func expectPosts(t *testing.T, step string, got []bot.Reply, n int, want ...string) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("%s: %d posts, want %d:\n%s", step, len(got), n, bottest.Texts(got))
	}
	for _, w := range want {
		if !strings.Contains(bottest.Texts(got), w) {
			t.Fatalf("%s: %q missing from:\n%s", step, w, bottest.Texts(got))
		}
	}
}

func TestAnnounceEachOffset(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	r := newAnnRig(t, db, bottest.NewClock(annStart.Add(-30*annDay)), annTraining("t", annStart))
	expectPosts(t, "30 days before", r.tickAt(annStart.Add(-30*annDay)), 0)
	expectPosts(t, "just before 14d", r.tickAt(annStart.Add(-14*annDay-time.Minute)), 0)
	got := r.tickAt(annStart.Add(-14 * annDay))
	expectPosts(t, "14 days before", got, 1, "Formation dans 14 jours", "samedi 13 mars 2027, 9h30–18h", "8 rue des Artisans",
		"20 € / 30 € / 250 €", "https://etabli.example/formations", "12 places")
	if got[0].Room.ID != "general" || got[0].Mention != nil {
		t.Fatalf("posted to %+v", got[0])
	}
	expectPosts(t, "a minute later", r.tickAt(annStart.Add(-14*annDay+time.Minute)), 0)
	expectPosts(t, "10 days before", r.tickAt(annStart.Add(-10*annDay)), 0)
	expectPosts(t, "2 days before", r.tickAt(annStart.Add(-2*annDay)), 1, "Formation dans 2 jours")
	expectPosts(t, "clock jumps back", r.tickAt(annStart.Add(-20*annDay)), 0)
	expectPosts(t, "the annDay before", r.tickAt(annStart.Add(-annDay)), 0)
	expectPosts(t, "after the annStart", r.tickAt(annStart.Add(time.Hour)), 0)
}

func TestAnnounceRestartBetweenOffsets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	clock := bottest.NewClock(annStart.Add(-14 * annDay))
	first := newAnnRig(t, path, clock, annTraining("t", annStart))
	expectPosts(t, "first run", first.tickAt(annStart.Add(-14*annDay)), 1, "14 jours")
	first.db.Close()

	second := newAnnRig(t, path, clock, annTraining("t", annStart)) // new process, new claim owner
	expectPosts(t, "after restart", second.tickAt(annStart.Add(-14*annDay+time.Hour)), 0)
	expectPosts(t, "after restart, 5 days later", second.tickAt(annStart.Add(-9*annDay)), 0)
	expectPosts(t, "second offset", second.tickAt(annStart.Add(-2*annDay)), 1, "2 jours")
}

func TestAnnounceCatchUpAfterDowntime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	clock := bottest.NewClock(annStart.Add(-30 * annDay))
	r := newAnnRig(t, path, clock, annTraining("t", annStart), annTraining("past", annStart.Add(-3*annDay)),
		annService("pt", time.Date(2027, 3, 8, 0, 0, 0, 0, annParis)))
	// Down from 30 days before until 36 hours before: both offsets of t were
	// missed, "past" already started, the service opened yesterday.
	got := r.tickAt(annStart.Add(-36 * time.Hour))
	expectPosts(t, "back up", got, 2, "Réseaux libres t", "Nouveau service : **PeerTube régional**", "Ouvert depuis le lundi 8 mars 2027")
	if strings.Contains(bottest.Texts(got), "Réseaux libres past") {
		t.Fatal("announced a training that already started")
	}
	if n := strings.Count(bottest.Texts(got), "Réseaux libres t"); n != 1 {
		t.Fatalf("catch-up must post once, not once per missed offset: %d", n)
	}
	expectPosts(t, "next round", r.tickAt(annStart.Add(-35*time.Hour)), 0)
	hist, _ := r.db.AnnounceHistory(context.Background())
	for _, h := range hist {
		if h.FileID == "t" && h.Offset != 2*annDay {
			t.Fatalf("caught up with the wrong offset: %+v", h)
		}
	}
}

func TestAnnounceDateChangeCorrection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	r := newAnnRig(t, path, bottest.NewClock(annStart), annTraining("t", annStart))
	expectPosts(t, "announced", r.tickAt(annStart.Add(-14*annDay)), 1)
	moved := annTraining("t", annStart.Add(7*annDay))
	moved.Place = "Maison des associations, Grenoble"
	r.ann.Set([]*announce.Announcement{moved})
	expectPosts(t, "correction", r.tickAt(annStart.Add(-13*annDay)), 1, "Changement pour **Réseaux libres t**",
		"samedi 20 mars 2027", "Maison des associations", "au lieu de : samedi 13 mars 2027, 9h30–18h, 8 rue des Artisans")
	expectPosts(t, "only once", r.tickAt(annStart.Add(-12*annDay)), 0)
	// The reminder follows the new date.
	expectPosts(t, "old reminder time", r.tickAt(annStart.Add(-2*annDay)), 0)
	expectPosts(t, "new reminder", r.tickAt(moved.Start.Add(-2*annDay)), 1, "Formation dans 2 jours", "samedi 20 mars 2027")
}

func TestAnnounceCancellation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	r := newAnnRig(t, path, bottest.NewClock(annStart), annTraining("t", annStart), annTraining("quiet", annStart.Add(60*annDay)))
	expectPosts(t, "announced", r.tickAt(annStart.Add(-14*annDay)), 1, "Réseaux libres t")
	r.ann.Set(nil) // both files removed; only t had been announced
	got := r.tickAt(annStart.Add(-10 * annDay))
	expectPosts(t, "cancel", got, 1, "Annulation : **Réseaux libres t** (samedi 13 mars 2027, 9h30–18h)")
	expectPosts(t, "only once", r.tickAt(annStart.Add(-9*annDay)), 0)
	expectPosts(t, "nor at the old reminder", r.tickAt(annStart.Add(-2*annDay)), 0)
}

func TestAnnounceNeverTwiceWithTwoBots(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	clock := bottest.NewClock(annStart.Add(-30 * annDay))
	anns := []*announce.Announcement{annTraining("a", annStart), annTraining("b", annStart.Add(3*annDay)),
		annService("pt", time.Date(2027, 3, 1, 0, 0, 0, 0, annParis))}
	one := newAnnRig(t, path, clock, anns...)
	two := newAnnRig(t, path, clock, anns...) // a second *sqlite.DB on the same file
	var times []time.Time
	for at := annStart.Add(-20 * annDay); at.Before(annStart.Add(4 * annDay)); at = at.Add(6 * time.Hour) {
		times = append(times, at)
	}
	for _, at := range times {
		clock.Set(at)
		var wg sync.WaitGroup
		for _, r := range []*annRig{one, two, one, two} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := r.ann.Tick(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
	all := append(one.fake.Sent(), two.fake.Sent()...)
	// a and b at 14 and 2 days, the service once.
	if len(all) != 5 {
		t.Fatalf("%d posts, want 5:\n%s", len(all), bottest.Texts(all))
	}
	seen := map[string]bool{}
	for _, p := range all {
		if seen[p.Text] {
			t.Fatalf("posted twice:\n%s", p.Text)
		}
		seen[p.Text] = true
	}
}

func TestAnnounceCrashBetweenClaimAndSend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	clock := bottest.NewClock(annStart.Add(-14 * annDay))
	r := newAnnRig(t, path, clock, annTraining("t", annStart))
	// Another process claimed the 14-annDay post and died before sending.
	due := r.ann.Schedule().Due(r.ann.Announcements(), nil, annStart.Add(-14*annDay))
	rec := due[0].Record()
	rec.State, rec.Owner, rec.ClaimedAt = announce.Claimed, "dead", annStart.Add(-14*annDay)
	if ok, err := r.db.ClaimAnnounce(context.Background(), rec, announce.DefaultLease); !ok || err != nil {
		t.Fatal(ok, err)
	}
	expectPosts(t, "claim still live", r.tickAt(annStart.Add(-14*annDay+announce.DefaultLease-time.Second)), 0)
	expectPosts(t, "claim expired", r.tickAt(annStart.Add(-14*annDay+announce.DefaultLease)), 1, "14 jours")
	expectPosts(t, "then never again", r.tickAt(annStart.Add(-13*annDay)), 0)
}

func TestAnnounceSendFailureRetries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.db")
	r := newAnnRig(t, path, bottest.NewClock(annStart), annTraining("t", annStart))
	r.fake.FailSends(errors.New("network down"))
	expectPosts(t, "failing", r.tickAt(annStart.Add(-14*annDay)), 0)
	r.fake.FailSends(nil)
	expectPosts(t, "recovered", r.tickAt(annStart.Add(-14*annDay+time.Minute)), 1, "14 jours")
}

func TestAnnounceRunLoopWithFakeClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	clock := bottest.NewClock(annStart.Add(-15 * annDay))
	r := newAnnRig(t, path, clock, annTraining("t", annStart))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.ann.Run(ctx) }()
	annWaitFor(t, func() bool { return clock.Pending() > 0 }) // first round done, sleeping
	if n := len(r.fake.Sent()); n != 0 {
		t.Fatalf("posted %d too early", n)
	}
	clock.Set(annStart.Add(-14 * annDay))
	annWaitFor(t, func() bool { return len(r.fake.Sent()) == 1 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func annWaitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestTrainingsAndServicesCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cmd.db")
	now := time.Date(2027, 3, 2, 12, 0, 0, 0, annParis)
	later := annTraining("later", annStart.Add(30*annDay))
	r := newAnnRig(t, path, bottest.NewClock(now), later, annTraining("past", now.Add(-5*annDay)), annTraining("next", annStart),
		annService("pt", time.Date(2027, 3, 1, 0, 0, 0, 0, annParis)))
	ctx := context.Background()

	r.fake.Say(ctx, r.bot, "general", "alice", "!formations")
	got := r.fake.Last().Text
	if !strings.HasPrefix(got, "Prochaines formations") || strings.Contains(got, "Réseaux libres past") {
		t.Fatalf("!formations:\n%s", got)
	}
	if i, j := strings.Index(got, "Réseaux libres next"), strings.Index(got, "Réseaux libres later"); i < 0 || j < i {
		t.Fatalf("next first:\n%s", got)
	}
	for _, w := range []string{"samedi 13 mars 2027, 9h30–18h", "8 rue des Artisans", "20 € / 30 € / 250 €", "Inscription : https://etabli.example/formations"} {
		if !strings.Contains(got, w) {
			t.Fatalf("%q missing:\n%s", w, got)
		}
	}
	r.fake.Say(ctx, r.bot, "en-room", "bob", "!trainings")
	if got := r.fake.Last().Text; !strings.HasPrefix(got, "Upcoming trainings") || !strings.Contains(got, "Saturday 13 March 2027, 9:30–18:00") {
		t.Fatalf("!trainings in an English room:\n%s", got)
	}
	r.fake.Say(ctx, r.bot, "general", "alice", "!services")
	if got := r.fake.Last().Text; !strings.Contains(got, "Services ouverts récemment") || !strings.Contains(got, "https://video.etabli.example") {
		t.Fatalf("!services:\n%s", got)
	}
}

func TestQuestionsRoutedBeforeLaterHooks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.db")
	r := newAnnRig(t, path, bottest.NewClock(time.Date(2027, 3, 2, 12, 0, 0, 0, annParis)), annTraining("next", annStart),
		annService("pt", time.Date(2027, 3, 1, 0, 0, 0, 0, annParis)))
	// A later feature (tickets) takes every unanswered question.
	tickets := 0
	r.bot.Unanswered(func(ctx context.Context, req *bot.Request) bool { tickets++; return true })
	ctx := context.Background()
	for _, q := range []string{"c'est quand la prochaine formation ?", "C'EST QUAND LES PROCHAINES FORMATIONS", "next training?", "when is the next workshop"} {
		r.fake.Say(ctx, r.bot, "general", "alice", q)
		if got := r.fake.Last().Text; !strings.Contains(got, "Réseaux libres next") {
			t.Fatalf("%q was not answered with the trainings:\n%s", q, got)
		}
	}
	r.fake.Say(ctx, r.bot, "general", "alice", "quels sont les nouveaux services ?")
	if got := r.fake.Last().Text; !strings.Contains(got, "PeerTube régional") {
		t.Fatalf("services question:\n%s", got)
	}
	if tickets != 0 {
		t.Fatalf("%d questions leaked to the next hook", tickets)
	}
	r.fake.Say(ctx, r.bot, "general", "alice", "mon imprimante ne marche plus")
	if tickets != 1 {
		t.Fatal("an unrelated question must go on to the next hook")
	}
}

func TestDirectQuestionsBeatAConfidentFAQ(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	r := newAnnRig(t, path, bottest.NewClock(time.Date(2027, 3, 2, 12, 0, 0, 0, annParis)), annTraining("next", annStart))
	entry := &faq.Entry{ID: "inscription", Lang: "fr", Title: "Comment s'inscrire à une formation ?",
		Questions: []string{"Comment réserver une place pour la prochaine formation ?", "next training registration"},
		Body:      "Inscrivez-vous sur le formulaire."}
	kb := faq.NewKB([]*faq.Entry{entry})
	r.bot.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	ctx := context.Background()
	r.fake.Say(ctx, r.bot, "general", "alice", "comment réserver une place pour la prochaine formation ?")
	if got := r.fake.Last().Text; got != entry.Body {
		t.Fatalf("a longer question must stay with the FAQ:\n%s", got)
	}
	r.fake.Say(ctx, r.bot, "general", "alice", "c'est quand la prochaine formation ?")
	if got := r.fake.Last().Text; !strings.HasPrefix(got, "Prochaines formations") {
		t.Fatalf("the direct question went to the FAQ:\n%s", got)
	}
	r.fake.Say(ctx, r.bot, "general", "bob", "next training?")
	if got := r.fake.Last().Text; !strings.HasPrefix(got, "Upcoming trainings") {
		t.Fatalf("an English question gets an English answer:\n%s", got)
	}
}

func TestAskedAbout(t *testing.T) {
	for q, want := range map[string]string{
		"c'est quand la prochaine formation ?":        "trainings",
		"Quelles sont les dates des ateliers ?":       "trainings",
		"next training?":                              "trainings",
		"y a-t-il de nouveaux services ?":             "services",
		"any new services?":                           "services",
		"je n'arrive pas à me connecter au service":   "",
		"la formation était super, merci":             "",
		"comment changer mon mot de passe Mastodon ?": "",
	} {
		if got := bot.AskedAbout(q); got != want {
			t.Errorf("%q → %q, want %q", q, got, want)
		}
	}
}

func openTestDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
