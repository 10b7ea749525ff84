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
	"codeberg.org/entraide/entraide/sqlite"
)

const day = 24 * time.Hour

var paris, _ = time.LoadLocation("Europe/Paris")

// fakeClock is moved by the test; After fires once the clock passes it.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func newClock(t time.Time) *fakeClock { return &fakeClock{now: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, waiter{c.now.Add(d), ch})
	return ch
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(t) {
			w.ch <- t
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

func (c *fakeClock) pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

var start = time.Date(2027, 3, 13, 9, 30, 0, 0, paris)

func training(id string, at time.Time) *announce.Announcement {
	return &announce.Announcement{ID: id, Kind: announce.Training, Title: "Réseaux libres " + id, Lang: "fr",
		Start: at, End: at.Add(8*time.Hour + 30*time.Minute), Place: "8 rue des Artisans, Grenoble",
		Price: "20 € / 30 € / 250 €", Register: "https://etabli.example/formations", Seats: 12,
		Body: "Mastodon, PeerTube, Funkwhale, PixelFed et Plume."}
}

func service(id string, opens time.Time) *announce.Announcement {
	return &announce.Announcement{ID: id, Kind: announce.Service, Title: "PeerTube régional", Lang: "fr", AllDay: true,
		Start: opens, URL: "https://video.etabli.example", Body: "Une instance PeerTube associative."}
}

type rig struct {
	t     *testing.T
	db    *sqlite.DB
	bot   *bot.Bot
	fake  *bottest.Adapter
	ann   *bot.Announcer
	clock *fakeClock
}

func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newRig starts one bot instance on the database file at path.
func newRig(t *testing.T, path string, clock *fakeClock, anns ...*announce.Announcement) *rig {
	t.Helper()
	db := openDB(t, path)
	b := bot.New(bot.Options{RoomLang: map[string]string{"fake:en-room": "en"}})
	fake := bottest.New("fake")
	if err := b.AddAdapter(fake); err != nil {
		t.Fatal(err)
	}
	a := bot.NewAnnouncer(b, anns, bot.AnnouncerOptions{
		Schedule: announce.Schedule{Offsets: []time.Duration{14 * day, 2 * day}, Location: paris,
			Rooms: []announce.Room{{Adapter: "fake", ID: "general"}}},
		Store: db, Clock: clock,
	})
	a.Register()
	return &rig{t: t, db: db, bot: b, fake: fake, ann: a, clock: clock}
}

// tickAt moves the clock and runs one round, returning what was posted.
func (r *rig) tickAt(at time.Time) []bot.Reply {
	r.t.Helper()
	r.clock.Set(at)
	if _, err := r.ann.Tick(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	return r.fake.Take()
}

func expect(t *testing.T, step string, got []bot.Reply, n int, want ...string) {
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
	r := newRig(t, db, newClock(start.Add(-30*day)), training("t", start))
	expect(t, "30 days before", r.tickAt(start.Add(-30*day)), 0)
	expect(t, "just before 14d", r.tickAt(start.Add(-14*day-time.Minute)), 0)
	got := r.tickAt(start.Add(-14 * day))
	expect(t, "14 days before", got, 1, "Formation dans 14 jours", "samedi 13 mars 2027, 9h30–18h", "8 rue des Artisans",
		"20 € / 30 € / 250 €", "https://etabli.example/formations", "12 places")
	if got[0].Room.ID != "general" || got[0].Mention != nil {
		t.Fatalf("posted to %+v", got[0])
	}
	expect(t, "a minute later", r.tickAt(start.Add(-14*day+time.Minute)), 0)
	expect(t, "10 days before", r.tickAt(start.Add(-10*day)), 0)
	expect(t, "2 days before", r.tickAt(start.Add(-2*day)), 1, "Formation dans 2 jours")
	expect(t, "clock jumps back", r.tickAt(start.Add(-20*day)), 0)
	expect(t, "the day before", r.tickAt(start.Add(-day)), 0)
	expect(t, "after the start", r.tickAt(start.Add(time.Hour)), 0)
}

func TestAnnounceRestartBetweenOffsets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	clock := newClock(start.Add(-14 * day))
	first := newRig(t, path, clock, training("t", start))
	expect(t, "first run", first.tickAt(start.Add(-14*day)), 1, "14 jours")
	first.db.Close()

	second := newRig(t, path, clock, training("t", start)) // new process, new claim owner
	expect(t, "after restart", second.tickAt(start.Add(-14*day+time.Hour)), 0)
	expect(t, "after restart, 5 days later", second.tickAt(start.Add(-9*day)), 0)
	expect(t, "second offset", second.tickAt(start.Add(-2*day)), 1, "2 jours")
}

func TestAnnounceCatchUpAfterDowntime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	clock := newClock(start.Add(-30 * day))
	r := newRig(t, path, clock, training("t", start), training("past", start.Add(-3*day)),
		service("pt", time.Date(2027, 3, 8, 0, 0, 0, 0, paris)))
	// Down from 30 days before until 36 hours before: both offsets of t were
	// missed, "past" already started, the service opened yesterday.
	got := r.tickAt(start.Add(-36 * time.Hour))
	expect(t, "back up", got, 2, "Réseaux libres t", "Nouveau service : **PeerTube régional**", "Ouvert depuis le lundi 8 mars 2027")
	if strings.Contains(bottest.Texts(got), "Réseaux libres past") {
		t.Fatal("announced a training that already started")
	}
	if n := strings.Count(bottest.Texts(got), "Réseaux libres t"); n != 1 {
		t.Fatalf("catch-up must post once, not once per missed offset: %d", n)
	}
	expect(t, "next round", r.tickAt(start.Add(-35*time.Hour)), 0)
	hist, _ := r.db.AnnounceHistory(context.Background())
	for _, h := range hist {
		if h.FileID == "t" && h.Offset != 2*day {
			t.Fatalf("caught up with the wrong offset: %+v", h)
		}
	}
}

func TestAnnounceDateChangeCorrection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	r := newRig(t, path, newClock(start), training("t", start))
	expect(t, "announced", r.tickAt(start.Add(-14*day)), 1)
	moved := training("t", start.Add(7*day))
	moved.Place = "Maison des associations, Grenoble"
	r.ann.Set([]*announce.Announcement{moved})
	expect(t, "correction", r.tickAt(start.Add(-13*day)), 1, "Changement pour **Réseaux libres t**",
		"samedi 20 mars 2027", "Maison des associations", "au lieu de : samedi 13 mars 2027, 9h30–18h, 8 rue des Artisans")
	expect(t, "only once", r.tickAt(start.Add(-12*day)), 0)
	// The reminder follows the new date.
	expect(t, "old reminder time", r.tickAt(start.Add(-2*day)), 0)
	expect(t, "new reminder", r.tickAt(moved.Start.Add(-2*day)), 1, "Formation dans 2 jours", "samedi 20 mars 2027")
}

func TestAnnounceCancellation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	r := newRig(t, path, newClock(start), training("t", start), training("quiet", start.Add(60*day)))
	expect(t, "announced", r.tickAt(start.Add(-14*day)), 1, "Réseaux libres t")
	r.ann.Set(nil) // both files removed; only t had been announced
	got := r.tickAt(start.Add(-10 * day))
	expect(t, "cancel", got, 1, "Annulation : **Réseaux libres t** (samedi 13 mars 2027, 9h30–18h)")
	expect(t, "only once", r.tickAt(start.Add(-9*day)), 0)
	expect(t, "nor at the old reminder", r.tickAt(start.Add(-2*day)), 0)
}

func TestAnnounceNeverTwiceWithTwoBots(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	clock := newClock(start.Add(-30 * day))
	anns := []*announce.Announcement{training("a", start), training("b", start.Add(3*day)),
		service("pt", time.Date(2027, 3, 1, 0, 0, 0, 0, paris))}
	one := newRig(t, path, clock, anns...)
	two := newRig(t, path, clock, anns...) // a second *sqlite.DB on the same file
	var times []time.Time
	for at := start.Add(-20 * day); at.Before(start.Add(4 * day)); at = at.Add(6 * time.Hour) {
		times = append(times, at)
	}
	for _, at := range times {
		clock.Set(at)
		var wg sync.WaitGroup
		for _, r := range []*rig{one, two, one, two} {
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
	clock := newClock(start.Add(-14 * day))
	r := newRig(t, path, clock, training("t", start))
	// Another process claimed the 14-day post and died before sending.
	due := r.ann.Schedule().Due(r.ann.Announcements(), nil, start.Add(-14*day))
	rec := due[0].Record()
	rec.State, rec.Owner, rec.ClaimedAt = announce.Claimed, "dead", start.Add(-14*day)
	if ok, err := r.db.ClaimAnnounce(context.Background(), rec, announce.DefaultLease); !ok || err != nil {
		t.Fatal(ok, err)
	}
	expect(t, "claim still live", r.tickAt(start.Add(-14*day+announce.DefaultLease-time.Second)), 0)
	expect(t, "claim expired", r.tickAt(start.Add(-14*day+announce.DefaultLease)), 1, "14 jours")
	expect(t, "then never again", r.tickAt(start.Add(-13*day)), 0)
}

func TestAnnounceSendFailureRetries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.db")
	r := newRig(t, path, newClock(start), training("t", start))
	r.fake.FailSends(errors.New("network down"))
	expect(t, "failing", r.tickAt(start.Add(-14*day)), 0)
	r.fake.FailSends(nil)
	expect(t, "recovered", r.tickAt(start.Add(-14*day+time.Minute)), 1, "14 jours")
}

func TestAnnounceRunLoopWithFakeClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	clock := newClock(start.Add(-15 * day))
	r := newRig(t, path, clock, training("t", start))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.ann.Run(ctx) }()
	waitFor(t, func() bool { return clock.pending() > 0 }) // first round done, sleeping
	if n := len(r.fake.Sent()); n != 0 {
		t.Fatalf("posted %d too early", n)
	}
	clock.Set(start.Add(-14 * day))
	waitFor(t, func() bool { return len(r.fake.Sent()) == 1 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
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
	now := time.Date(2027, 3, 2, 12, 0, 0, 0, paris)
	later := training("later", start.Add(30*day))
	r := newRig(t, path, newClock(now), later, training("past", now.Add(-5*day)), training("next", start),
		service("pt", time.Date(2027, 3, 1, 0, 0, 0, 0, paris)))
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
	r := newRig(t, path, newClock(time.Date(2027, 3, 2, 12, 0, 0, 0, paris)), training("next", start),
		service("pt", time.Date(2027, 3, 1, 0, 0, 0, 0, paris)))
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
