package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"

	"codeberg.org/entraide/entraide/example"
)

func TestDemoListsExampleTrainings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	out, errs, code := runCLI(t, "!formations\nc'est quand la prochaine formation ?\n!trainings\n!services\n", "demo", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// The demo moves the example dates to come after today, keeping
	// weekdays and times (demo_dates.go).
	for _, want := range []string{"Prochaines formations", "Utiliser des réseaux sociaux libres", "📅 samedi ", ", 9h30–18h",
		"📅 du jeudi ", ", 9h, au vendredi ", "20 €", "Emancip'Asso", "Inscription : https://etabli.example/formations", "PeerTube"} {
		if !strings.Contains(out, want) {
			t.Fatalf("%q missing from the demo:\n%s", want, out)
		}
	}
	// !trainings, the English name, answers in English.
	if n := strings.Count(out, "Prochaines formations :") + strings.Count(out, "Upcoming trainings:"); n != 3 {
		t.Fatalf("!formations, the question and !trainings must all list the trainings (got %d):\n%s", n, out)
	}
	if i, j := strings.Index(out, "Utiliser des réseaux"), strings.Index(out, "Emancip'Asso"); i > j {
		t.Fatal("next training first")
	}
}

// A question the FAQ cannot answer reaches the Unanswered hooks: the
// announcements' must run before the tickets' (which would hand it to the
// mentors), as app.build wires them.
func TestUnansweredTrainingQuestionIsNotATicket(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	q := "je voudrais la liste des dates des formations de cet hiver pour mon association\n"
	out, errs, code := runCLI(t, q+"/as mentor\n!tickets\n", "demo", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Prochaines formations :") {
		t.Fatalf("the question was not answered with the trainings:\n%s", out)
	}
	if strings.Contains(out, "[mentors]") || strings.Contains(out, "#1") {
		t.Fatalf("the question became a ticket:\n%s", out)
	}
}

func TestAnnounceLint(t *testing.T) {
	out, errs, code := runCLI(t, "", "announce", "lint", filepath.Join("..", "..", "example", "announcements"))
	if code != 0 || !strings.Contains(out, "3 announcements, no problem") {
		t.Fatalf("example lint: %d %s %s", code, out, errs)
	}
	dir := t.TempDir()
	bad := "---\nkind: training\ntitle: T\nlang: fr\ndate: 2027-03-13\ntime: midi\nplace: p\nregister: r\n---\nb\n"
	if err := os.WriteFile(filepath.Join(dir, "stage.md"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code = runCLI(t, "", "announce", "lint", dir)
	if code != 1 || !strings.Contains(errs, filepath.Join(dir, "stage.md")+":6: bad time \"midi\"") {
		t.Fatalf("bad file: %d %s", code, errs)
	}
	_, errs, code = runCLI(t, "", "announce", "frobnicate")
	if code != 2 || !strings.Contains(errs, "Usage: entraide announce") {
		t.Fatalf("unknown action: %d %s", code, errs)
	}
}

func TestAnnouncePreview(t *testing.T) {
	out, errs, code := runCLI(t, "", "announce", "preview", "--example", "--from", "2027-02-01", "--to", "2027-03-12")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var rows []string
	for _, l := range lines {
		if strings.HasPrefix(l, "2027-") {
			rows = append(rows, strings.Join(strings.Fields(l)[:5], " "))
		}
	}
	want := []string{
		"2027-02-27 09:30 console:support announce 14d",
		"2027-03-01 10:00 console:support announce peertube-regional",
		"2027-03-11 09:30 console:support announce 2d",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Fatalf("preview rows:\n%s\nwant:\n%s\nfull output:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"), out)
	}
	_, errs, code = runCLI(t, "", "announce", "preview", "--example", "--from", "demain")
	if code != 2 || !strings.Contains(errs, "--from: bad date") {
		t.Fatalf("bad date: %d %s", code, errs)
	}
}

func TestAnnounceICSCommandAndEndpoint(t *testing.T) {
	out, errs, code := runCLI(t, "", "announce", "ics", "--example")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	checkFeed(t, []byte(out))

	a := newDemoApp(t)
	srv := httptest.NewServer(a.mux) // 127.0.0.1 only
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/trainings.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("GET /trainings.ics: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	checkFeed(t, body)
}

func checkFeed(t *testing.T, raw []byte) {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("not iCalendar: %v\n%s", err, raw)
	}
	if err := ical.NewEncoder(io.Discard).Encode(cal); err != nil {
		t.Fatalf("invalid calendar: %v", err)
	}
	uids := map[string]bool{}
	for _, e := range cal.Events() {
		uid, _ := e.Props.Text(ical.PropUID)
		uids[uid] = true
	}
	if len(uids) != 2 || !uids["formation-reseaux-sociaux-libres@entraide"] || !uids["formation-emancipasso@entraide"] {
		t.Fatalf("events: %v", uids)
	}
}

func TestAnnouncementProblemsStopTheStart(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.md"), []byte("---\nkind: party\ntitle: x\nlang: fr\n---\nb\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := testDemoConfig(t)
	cfg.Bot.AnnounceDir = dir
	_, err := newApp(context.Background(), cfg, quietEnv(),
		example.FAQ(), nil)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "x.md")+":2: unknown kind") {
		t.Fatalf("want a file:line refusal, got %v", err)
	}
	// No folder at all: announcements are off, the bot still starts.
	cfg.Bot.AnnounceDir = filepath.Join(dir, "missing")
	a, err := newApp(context.Background(), cfg, quietEnv(),
		example.FAQ(), nil)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
}

func TestAnnouncementsReloadKeepsTheLastGoodSet(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	good := "---\nkind: training\ntitle: Atelier Nextcloud\nlang: fr\ndate: 2027-06-05\ntime: 14h-17h\nplace: Grenoble\nregister: https://x.example\n---\nb\n"
	write("nextcloud.md", good)
	cfg := testDemoConfig(t)
	cfg.Bot.AnnounceDir = dir
	a, err := newApp(context.Background(), cfg, quietEnv(),
		example.FAQ(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	write("pads.md", strings.Replace(strings.Replace(good, "Nextcloud", "Pads", 1), "2027-06-05", "2027-06-12", 1))
	if _, err := a.reload(context.Background(), "test"); err != nil {
		t.Fatal(err)
	}
	if n := len(a.comms[0].announcer.Announcements()); n != 2 {
		t.Fatalf("after reload: %d announcements", n)
	}
	write("pads.md", "---\nkind: training\n---\n")
	if _, err := a.reload(context.Background(), "test"); err == nil || !strings.Contains(err.Error(), "pads.md:2: missing field title") {
		t.Fatalf("a broken file must fail the reload with file:line: %v", err)
	}
	if n := len(a.comms[0].announcer.Announcements()); n != 2 {
		t.Fatalf("a failed reload must keep the last good set: %d", n)
	}
}

// A training already over is no error (it stays in the history) but lint
// says it will never be announced.
func TestAnnounceLintWarnsAboutPastTrainings(t *testing.T) {
	dir := t.TempDir()
	past := "---\nkind: training\ntitle: T\nlang: fr\ndate: 2020-03-13\ntime: 9h-12h\nplace: p\nregister: r\n---\nb\n"
	if err := os.WriteFile(filepath.Join(dir, "ancienne.md"), []byte(past), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "", "announce", "lint", dir)
	want := filepath.Join(dir, "ancienne.md") + ": warning: the training ended on 2020-03-13"
	if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, "1 announcements, no problem") {
		t.Fatalf("want %q: exit %d\n%s%s", want, code, out, errs)
	}
}
