package main

import (
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/config"

	"codeberg.org/entraide/entraide/internal/testkit"
)

// consoleCommunities writes a config with two communities on the console
// adapter, alpha in room "a" and beta in room "b", whose FAQs answer the
// same question differently. It returns the config's path.
func consoleCommunities(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	q := "Quels sont les horaires de la permanence ?"
	testkit.WriteFile(t, filepath.Join(dir, "alpha", "faq", "horaires.md"),
		entryFile("fr", "Horaires de la permanence", q, "Alpha : le mercredi de 17 h à 19 h."))
	testkit.WriteFile(t, filepath.Join(dir, "beta", "faq", "horaires.md"),
		entryFile("fr", "Horaires de la permanence", q, "Beta : le samedi matin."))
	for _, c := range []string{"alpha", "beta"} {
		testkit.WriteFile(t, filepath.Join(dir, c, "announcements", "atelier.md"), announcement(c, ""))
	}
	path := filepath.Join(dir, "entraide.toml")
	testkit.WriteFile(t, path, `[bot]
database = "x.db"
[console]
enabled = true
room = "a"
[reload]
watch = false
[ratelimit]
user_per_minute = 0
room_per_minute = 0

[[communities]]
name = "alpha"
rooms = [ { adapter = "console", id = "a" } ]
mentors = { console = ["ann"] }
mentors_room = { adapter = "console", id = "ma" }

[[communities]]
name = "beta"
rooms = [ { adapter = "console", id = "b" } ]
mentors = { console = ["bea"] }
mentors_room = { adapter = "console", id = "mb" }
`)
	return path
}

// announcement is a training file of community c, a year ahead; rooms,
// when set, is the file's own list of rooms.
func announcement(c, rooms string) string {
	start := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	if rooms != "" {
		rooms = "rooms: [" + rooms + "]\n"
	}
	return "---\nkind: training\ntitle: \"Atelier " + c + "\"\nlang: fr\nstarts: " + start + "T09:00:00+01:00\n" +
		"ends: " + start + "T12:00:00+01:00\nplace: \"Local " + c + "\"\nprice: \"Gratuit\"\nregister: \"sur place\"\n" +
		rooms + "---\nUn atelier.\n"
}

// linesIn returns the bot's messages printed in room, with their
// continuation lines.
func linesIn(out, room string) string {
	var sb strings.Builder
	in := false
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "[") {
			in = strings.HasPrefix(l, "["+room+"] ")
		}
		if in {
			sb.WriteString(l + "\n")
		}
	}
	return sb.String()
}

// Two communities on one bot: each room is answered from its own FAQ,
// tickets are numbered per community, a community's mentors see and act on
// its tickets only, and a room no community lists is told so.
func TestCommunitiesAreIsolated(t *testing.T) {
	path := consoleCommunities(t)
	script := `/as alice
Quels sont les horaires de la permanence ?
Comment réparer le dérailleur d'un vélo cargo ?
!formations
/room b
/as dave
Quels sont les horaires de la permanence ?
Où trouver des graines de tomates anciennes ?
!formations
/room mb
/as bea
!tickets
/room ma
!claim 1
/room mb
!claim 1
!repondre 1 Chez les semenciers du marché.
!faq 1
/room zz
/as eve
Bonjour, quelqu'un ?
`
	out, errs, code := runCLI(t, script, "run", "--config", path)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, errs)
	}
	a, b := linesIn(out, "a"), linesIn(out, "b")
	if !strings.Contains(a, "Alpha : le mercredi") || strings.Contains(a, "Beta") {
		t.Errorf("room a must be answered from alpha's FAQ only:\n%s", a)
	}
	if !strings.Contains(b, "Beta : le samedi") || strings.Contains(b, "Alpha") {
		t.Errorf("room b must be answered from beta's FAQ only:\n%s", b)
	}
	if !strings.Contains(a, "Atelier alpha") || strings.Contains(a, "Atelier beta") ||
		!strings.Contains(b, "Atelier beta") || strings.Contains(b, "Atelier alpha") {
		t.Errorf("!formations lists each community's own trainings:\n%s\n%s", a, b)
	}
	if !strings.Contains(a, "ticket n° 1)") || !strings.Contains(b, "ticket n° 1)") {
		t.Errorf("each community's first ticket is number 1:\n%s\n%s", a, b)
	}
	ma, mb := linesIn(out, "ma"), linesIn(out, "mb")
	if !strings.Contains(ma, "dérailleur") || strings.Contains(ma, "graines") {
		t.Errorf("alpha's mentors' room must hear of alpha's ticket only:\n%s", ma)
	}
	if !strings.Contains(mb, "graines") || strings.Contains(mb, "dérailleur") {
		t.Errorf("beta's mentors' room (notices and !tickets) must show beta's ticket only:\n%s", mb)
	}
	if !strings.Contains(ma, "réservée aux bénévoles mentors") {
		t.Errorf("beta's mentor must not act in alpha's mentors' room:\n%s", ma)
	}
	if !strings.Contains(mb, "bea") || !strings.Contains(mb, "n° 1") {
		t.Errorf("beta's mentor claims beta's #1:\n%s", mb)
	}
	drafts, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*", "faq", "drafts", "*.md"))
	if len(drafts) != 1 || !strings.Contains(drafts[0], filepath.Join("beta", "faq", "drafts")) {
		t.Errorf("beta's draft must be written in beta's FAQ drafts folder: %v", drafts)
	}
	zz := linesIn(out, "zz")
	if !strings.Contains(zz, "aucune des communautés") || !strings.Contains(zz, "alpha, beta") || strings.Contains(zz, "n° ") {
		t.Errorf("a room no community lists gets the notice and nothing else:\n%s", zz)
	}
	if t.Failed() {
		t.Logf("whole output:\n%s", out)
	}
}

// A community's announcements go to its own rooms: by default all of them,
// and a file naming a room of another community is refused at start.
func TestCommunityAnnouncementsStayInTheirRooms(t *testing.T) {
	path := consoleCommunities(t)
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range cfg.Groups() {
		s, err := scheduleOf(cfg, g, time.UTC)
		if err != nil || len(s.Rooms) != 1 || s.Rooms[0].ID != g.Rooms[0].ID {
			t.Fatalf("%s posts to %+v, %v", g.Name, s.Rooms, err)
		}
	}
	bad := filepath.Join(filepath.Dir(path), "alpha", "announcements", "atelier.md")
	testkit.WriteFile(t, bad, announcement("alpha", "console:b"))
	_, errs, code := runCLI(t, "", "run", "--config", path)
	if code != 1 || !strings.Contains(errs, "community alpha") || !strings.Contains(errs, "atelier.md: rooms: console:b is not a room of community alpha") {
		t.Fatalf("exit %d, want the file and the room named:\n%s", code, errs)
	}
}

// The command line reads one community at a time, and says which when the
// config has several and none is named.
func TestCommandLineTakesCommunity(t *testing.T) {
	path := consoleCommunities(t)
	out, errs, code := runCLI(t, "", "announce", "ics", "--config", path, "--community", "beta")
	if code != 0 || !strings.Contains(out, "Atelier beta") || strings.Contains(out, "Atelier alpha") {
		t.Fatalf("announce ics --community beta: exit %d\n%s%s", code, out, errs)
	}
	_, errs, code = runCLI(t, "", "announce", "ics", "--config", path)
	if code != 2 || !strings.Contains(errs, "--community NAME") || !strings.Contains(errs, "alpha, beta") {
		t.Fatalf("announce ics without --community: exit %d\n%s", code, errs)
	}
	_, errs, code = runCLI(t, "", "report", "--config", path, "--community", "gamma")
	if code != 2 || !strings.Contains(errs, `no community "gamma"`) {
		t.Fatalf("report --community gamma: exit %d\n%s", code, errs)
	}
}

// Each community's trainings feed is served at /c/NAME/trainings.ics, and
// its metrics carry its name.
func TestTrainingsFeedPerCommunity(t *testing.T) {
	cfg, err := config.Load(consoleCommunities(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Bot.Listen = "127.0.0.1:0"
	l := startApp(t, cfg)
	for name, want := range map[string]string{"alpha": "Atelier alpha", "beta": "Atelier beta"} {
		resp, err := http.Get("http://" + l.ops.httpAddr + "/c/" + name + "/trainings.ics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) || strings.Count(string(body), "BEGIN:VEVENT") != 1 {
			t.Errorf("/c/%s/trainings.ics: %d\n%s", name, resp.StatusCode, body)
		}
	}
	resp, err := http.Get("http://" + l.ops.httpAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`entraide_faq_entries{community="alpha"} 1`, `entraide_faq_entries{community="beta"} 1`,
		`entraide_questions_total{community="beta"} 0`} {
		if !strings.Contains(string(body), want+"\n") {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// Each community pulls its own git clone: a commit in alpha's repository
// reaches alpha's FAQ only.
func TestGitPullPerCommunity(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	cfg, err := config.Load(consoleCommunities(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i, name := range []string{"alpha", "beta"} {
		origin, clone := filepath.Join(dir, name+"-origin"), filepath.Join(dir, name)
		testkit.WriteFile(t, filepath.Join(origin, "faq", "horaires.md"),
			entryFile("fr", "Horaires de la permanence", "Quels sont les horaires ?", name+" : le mercredi."))
		testkit.Git(t, origin, "init", "-q", "-b", "main")
		testkit.Git(t, origin, "add", ".")
		testkit.Git(t, origin, "commit", "-qm", "faq")
		testkit.Git(t, dir, "clone", "-q", origin, clone)
		cfg.Communities[i].FAQDir = filepath.Join(clone, "faq")
		cfg.Communities[i].GitRepo = clone
	}
	cfg.Reload.Watch = false // only the pulls may bring changes
	cfg.Reload.GitPull = config.Duration{Duration: 50 * time.Millisecond}
	l := startApp(t, cfg)
	origin := filepath.Join(dir, "alpha-origin")
	testkit.WriteFile(t, filepath.Join(origin, "faq", "adhesion.md"),
		entryFile("fr", "Comment adhérer ?", "Je veux devenir membre", "Remplissez le formulaire."))
	testkit.Git(t, origin, "add", ".")
	testkit.Git(t, origin, "commit", "-qm", "adhesion")
	waitFor(t, "alpha to serve the pulled entry", func() bool { return servedEntries(l.comms[0].bot) == 2 }, l)
	time.Sleep(200 * time.Millisecond) // a few more pulls
	if n := servedEntries(l.comms[1].bot); n != 1 {
		t.Fatalf("beta serves %d entries after alpha's pull", n)
	}
}
