package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/adapters/matrix"
	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
)

// snapshot is what a community has stored, read through the store.
type snapshot struct {
	Tickets  []*tickets.Ticket
	Events   [][]tickets.Event
	Answers  []tickets.AnswerOutcome
	Outcomes []tickets.TicketOutcome
	Stats    []tickets.FeedbackStat
	Posts    int
	State    string
	Journal  string
}

func snapshotOf(t *testing.T, s storage.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var sn snapshot
	var err error
	if sn.Tickets, err = s.Tickets(ctx, tickets.Filter{}); err != nil {
		t.Fatal(err)
	}
	for _, tk := range sn.Tickets {
		tk.Created, tk.Updated = tk.Created.UTC(), tk.Updated.UTC()
		evs, err := s.TicketEvents(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := range evs {
			evs[i].At = evs[i].At.UTC()
		}
		sn.Events = append(sn.Events, evs)
	}
	if sn.Answers, sn.Outcomes, err = s.LabelHistory(ctx, time.Time{}); err != nil {
		t.Fatal(err)
	}
	for i := range sn.Answers {
		sn.Answers[i].At = sn.Answers[i].At.UTC()
	}
	for i := range sn.Outcomes {
		sn.Outcomes[i].Created = sn.Outcomes[i].Created.UTC()
	}
	if sn.Stats, err = s.FeedbackStats(ctx); err != nil {
		t.Fatal(err)
	}
	posts, err := s.AnnounceHistory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sn.Posts = len(posts)
	v, _, _ := s.Get(ctx, "matrix", "device_id")
	un, _ := s.Unfinished(ctx, "matrix")
	sn.State, sn.Journal = v, fmt.Sprint(un)
	return sn
}

// db copy moves a community's SQLite database to an empty Postgres one:
// the same tickets, history, feedback, posts, state and journal; numbering
// goes on after the copied tickets; a non-empty target is refused.
func TestDBCopyRoundTrip(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "entraide.db")
	script := strings.Join([]string{
		"/as alice", "mon imprimante zorglub clignote en rouge ?",
		"/as bob", "combien coûte la formation ?", "ça marche pas",
		"/as mentor", "/room mentors", "!claim 1", "!answer 1 Éteignez-la puis rallumez-la.",
	}, "\n") + "\n"
	if out, errs, code := runCLI(t, script, "demo", "--db", file); code != 0 || !strings.Contains(out, "ticket n° 2") {
		t.Fatalf("seeding: exit %d\n%s\n%s", code, out, errs)
	}
	src, err := storage.Open(ctx, file, "")
	if err != nil {
		t.Fatal(err)
	}
	src.Put(ctx, "matrix", "device_id", "ENTRAIDEDEV")
	src.Begin(ctx, "matrix", "$crashed", "!room:localhost")
	src.Begin(ctx, "matrix", "$done", "!room:localhost")
	src.Finish(ctx, "matrix", "$done")
	post := announce.Record{FileID: "atelier", Kind: announce.Announce, Room: announce.Room{Adapter: "console", ID: "support"},
		AnnKind: announce.Training, Title: "Atelier", Lang: "fr", Start: time.Now().Add(48 * time.Hour), Owner: "me", ClaimedAt: time.Now()}
	if ok, err := src.ClaimAnnounce(ctx, post, time.Minute); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if err := src.MarkAnnounceSent(ctx, post.Slot(), "me", "m1", time.Now()); err != nil {
		t.Fatal(err)
	}
	want := snapshotOf(t, src)
	src.Close()
	if len(want.Tickets) != 2 || len(want.Stats) == 0 || want.Posts == 0 {
		t.Fatalf("the seeded database lacks tickets, feedback or posts: %d tickets, %v, %d posts", len(want.Tickets), want.Stats, want.Posts)
	}

	pg := testenv.StartPostgres(t)
	name := pg.NewDatabase()
	url := pg.URL(name)
	t.Setenv("ENTRAIDE_DATABASE_PASSWORD", pg.Password)
	out, errs, code := runCLI(t, "", "db", "copy", "--from", file, "--to", url)
	if code != 0 || !strings.Contains(out, "tickets") || strings.Contains(out+errs, pg.Password) {
		t.Fatalf("db copy: exit %d\n%s\n%s", code, out, errs)
	}
	dst, err := storage.Open(ctx, url, pg.Password)
	if err != nil {
		t.Fatal(err)
	}
	got := snapshotOf(t, dst)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("after the copy:\n%+v\nwant:\n%+v", got, want)
	}
	if p, _ := dst.Begin(ctx, "matrix", "$done", "!room:localhost"); p != bot.ProgressDone {
		t.Fatalf("a handled message is not done after the copy: %v", p)
	}
	dst.Close()

	// the bot on Postgres goes on with the same tickets and numbers
	out, errs, code = runCLI(t, "/as mentor\n/room mentors\n!resolve 1\n/as carol\n/room support\nle wifi zorglub du local est en panne ?\n0\n",
		"demo", "--db", pg.URLWithPassword(name))
	if code != 0 || !strings.Contains(out, "Ticket n° 1 clos par mentor") || !strings.Contains(out, "ticket n° 3") {
		t.Fatalf("the bot on the copy: exit %d\n%s\n%s", code, out, errs)
	}

	// a second copy into the now non-empty database is refused, untouched
	out, errs, code = runCLI(t, "", "db", "copy", "--from", file, "--to", url)
	if code != 1 || !strings.Contains(errs, "not empty") {
		t.Fatalf("copy into a non-empty database: exit %d\n%s\n%s", code, out, errs)
	}
	dst, err = storage.Open(ctx, url, pg.Password)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if ts, _ := dst.Tickets(ctx, tickets.Filter{}); len(ts) != 3 {
		t.Fatalf("the refused copy changed the tickets: %d", len(ts))
	}
}

// db copy of a Matrix bot with an end-to-end encrypted room: the bot
// started on Postgres is the same device, goes on with the same tickets
// and reads and answers in the same encrypted room.
func TestDBCopyMatrixDevice(t *testing.T) {
	if !matrix.EncryptionAvailable {
		if os.Getenv(testenv.EnvIntegration) == "" {
			t.Skip("needs -tags goolm")
		}
		t.Fatal("needs -tags goolm (scripts/test sets it)")
	}
	ctx := context.Background()
	d := testenv.StartDendrite(t, "bot", "alice")
	pg := testenv.StartPostgres(t)
	name := pg.NewDatabase()
	entry := "---\nlang: fr\ntitle: \"Horaires de la permanence\"\nquestions:\n  - \"Quels sont les horaires de la permanence ?\"\n---\nLe mercredi de 17 h à 19 h.\n"
	cfg := func(database string) string {
		return fmt.Sprintf("[bot]\nfaq_dir = \"faq\"\ndatabase = %q\n\n[mentors]\nids = { matrix = [%q] }\n\n"+
			"[matrix]\nenabled = true\nhomeserver = %q\nuser_id = %q\nencryption = true\n",
			database, d.UserID("alice"), d.URL, d.UserID("bot"))
	}
	path := writeRunDir(t, entry, cfg("entraide.db"))
	file := filepath.Join(filepath.Dir(path), "entraide.db")
	t.Setenv("ENTRAIDE_MATRIX_PASSWORD", d.Password("bot"))
	t.Setenv("ENTRAIDE_MATRIX_PICKLE_KEY", "pickle-key-kept")
	t.Setenv("ENTRAIDE_DATABASE_PASSWORD", pg.Password)
	start := func() (stop func()) {
		rctx, cancel := context.WithCancel(ctx)
		var errs testkit.Buffer
		code := make(chan int, 1)
		go func() {
			code <- run(rctx, &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errs}, []string{"run", "--config", path})
		}()
		return func() {
			cancel()
			select {
			case c := <-code:
				if c != 0 {
					t.Errorf("exit %d:\n%s", c, errs.String())
				}
			case <-time.After(20 * time.Second):
				t.Error("entraide run did not stop")
			}
		}
	}
	botID := id.UserID(d.UserID("bot"))
	alice := testenv.NewMatrixUser(t, d, "alice", true)
	ask := func(room id.RoomID, text, want string) {
		t.Helper()
		q := alice.Say(room, text)
		r := alice.WaitFor(t, 30*time.Second, "answer to "+text, func(e *event.Event) bool {
			return testenv.IsReplyTo(room, botID, q)(e) && e.Mautrix.EventSource&event.SourceDecrypted != 0
		})
		if body := r.Content.AsMessage().Body; !strings.Contains(body, want) {
			t.Fatalf("%q got %q, want %q", text, body, want)
		}
	}

	stop := start()
	room := alice.CreateRoom("support", true, botID)
	ask(room, "xylophone zorglub blorf quux ?", "ticket n° 1")
	stop()
	src, err := storage.Open(ctx, file, "")
	if err != nil {
		t.Fatal(err)
	}
	device, _, _ := src.Get(ctx, "matrix", "device_id")
	src.Close()

	if out, errs, code := runCLI(t, "", "db", "copy", "--from", file, "--to", pg.URL(name)); code != 0 || !strings.Contains(out, "crypto_account") {
		t.Fatalf("db copy: exit %d\n%s\n%s", code, out, errs)
	}
	os.WriteFile(path, []byte(cfg(pg.URL(name))), 0o600)
	os.Remove(file) // the bot must not find anything in the old file
	stop = start()
	defer stop()
	ask(room, "Quels sont les horaires de la permanence ?", "mercredi")
	ask(room, "!prendre 1", "Ticket n° 1 pris par")
	dst, err := storage.Open(ctx, pg.URL(name), pg.Password)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if tk, err := dst.Ticket(ctx, 1); err != nil || tk.State != tickets.Claimed || tk.Question != "xylophone zorglub blorf quux ?" {
		t.Fatalf("ticket 1 on Postgres: %+v, %v", tk, err)
	}
	if got, _, _ := dst.Get(ctx, "matrix", "device_id"); got == "" || got != device {
		t.Fatalf("device on Postgres %q, on SQLite %q: want the same", got, device)
	}
	db, _ := dst.SQL()
	var accounts int
	if err := db.QueryRow(`SELECT count(*) FROM crypto_account`).Scan(&accounts); err != nil || accounts != 1 {
		t.Fatalf("Olm accounts on Postgres: %d, %v; want 1", accounts, err)
	}
}

// db copy's mistakes are usage errors naming what is wrong; nothing is
// opened for them.
func TestDBCopyUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "entraide.db")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"db"}, 2, "missing action"},
		{[]string{"db", "move"}, 2, "missing action"},
		{[]string{"db", "copy", "--from", file}, 2, "--to"},
		{[]string{"db", "copy", "--from", file, "--to", filepath.Join(dir, "other.db")}, 2, "postgres://"},
		{[]string{"db", "copy", "--from", "postgres://u@127.0.0.1/x", "--to", "postgres://u@127.0.0.1/y"}, 2, "SQLite file"},
		{[]string{"db", "copy", "--from", filepath.Join(dir, "none.db"), "--to", "postgres://u@127.0.0.1:1/y"}, 1, "none.db"},
	} {
		_, errs, code := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("a missing source file was created")
	}
}

// TestDBCopyBadURLNamesFlagAndReason: a --to URL that cannot work is
// refused naming the flag and what is wrong, never the password.
func TestDBCopyBadURLNamesFlagAndReason(t *testing.T) {
	file := filepath.Join(t.TempDir(), "e.db")
	for url, want := range map[string]string{
		"postgres://u:s3cret@127.0.0.1:notaport/entraide":      `--to: invalid port ":notaport"`,
		"postgres://u:s3cret@127.0.0.1/entraide?sslmode=bogus": `--to: sslmode "bogus" must be one of`,
	} {
		_, errs, code := runCLI(t, "", "db", "copy", "--from", file, "--to", url)
		if code != 2 || !strings.Contains(errs, want) || strings.Contains(errs, "s3cret") {
			t.Errorf("%s: exit %d, want %q in:\n%s", url, code, want, errs)
		}
	}
}
