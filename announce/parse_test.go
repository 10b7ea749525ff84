package announce

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"codeberg.org/entraide/entraide/example"
	"codeberg.org/entraide/entraide/faq"
)

var paris = mustLoc("Europe/Paris")

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

func TestParseTrainingDateAndTime(t *testing.T) {
	src := "---\nkind: training\ntitle: Réseaux libres\nlang: fr\ndate: 2027-03-13\ntime: \"9h30-18h\"\n" +
		"place: Grenoble\nprice: 20 €\nregister: https://x.example/f\nseats: 12\nrooms: [\"matrix:!a:example.org\"]\n---\nBody.\n"
	a, probs := Parse("t.md", "t", []byte(src), paris)
	if probs != nil {
		t.Fatal(probs)
	}
	want := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	if !a.Start.Equal(want) || !a.End.Equal(time.Date(2027, 3, 13, 18, 0, 0, 0, paris)) {
		t.Fatalf("times %v – %v", a.Start, a.End)
	}
	if a.Start.UTC().Hour() != 8 { // 9h30 in Paris is 8h30 UTC in March (CET)
		t.Fatalf("time zone not applied: %v", a.Start.UTC())
	}
	if a.Seats != 12 || a.Price != "20 €" || len(a.Rooms) != 1 || a.Rooms[0] != (Room{"matrix", "!a:example.org"}) {
		t.Fatalf("%+v", a)
	}
}

func TestParseTrainingRFC3339AndService(t *testing.T) {
	src := "---\nkind: training\ntitle: T\nlang: en\nstarts: 2027-04-15T09:00:00+02:00\nends: 2027-04-16T17:30:00+02:00\n" +
		"online: true\nregister: write to us\n---\nB\n"
	a, probs := Parse("t.md", "t", []byte(src), paris)
	if probs != nil {
		t.Fatal(probs)
	}
	if a.End.Sub(a.Start) != 32*time.Hour+30*time.Minute || !a.Online || a.Place != "" {
		t.Fatalf("%+v", a)
	}
	src = "---\nkind: service\ntitle: PeerTube\nlang: fr\nopens: 2027-03-01\nurl: https://video.example\n---\nB\n"
	s, probs := Parse("s.md", "s", []byte(src), paris)
	if probs != nil {
		t.Fatal(probs)
	}
	if !s.Start.Equal(time.Date(2027, 3, 1, 0, 0, 0, 0, paris)) || s.URL != "https://video.example" {
		t.Fatalf("%+v", s)
	}
}

func TestParseTimeRange(t *testing.T) {
	for in, want := range map[string][2]time.Duration{
		"9h30-18h":      {9*time.Hour + 30*time.Minute, 18 * time.Hour},
		"09:30 – 18:00": {9*time.Hour + 30*time.Minute, 18 * time.Hour},
		"9h à 12h30":    {9 * time.Hour, 12*time.Hour + 30*time.Minute},
		"14h-17h":       {14 * time.Hour, 17 * time.Hour},
	} {
		f, to, ok := ParseTimeRange(in)
		if !ok || f != want[0] || to != want[1] {
			t.Errorf("%q → %v %v %v", in, f, to, ok)
		}
	}
	for _, bad := range []string{"18h-9h", "25h-26h", "9h30", "matin", "9h61-10h"} {
		if _, _, ok := ParseTimeRange(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestLintProblemsNameFileAndLine(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"Bad_Name", "---\nkind: service\ntitle: x\nlang: fr\nopens: 2027-01-01\nurl: https://a\n---\nb\n", "Bad_Name.md:1: bad id"},
		{"a", "---\nkind: party\ntitle: x\nlang: fr\n---\nb\n", "a.md:2: unknown kind \"party\""},
		{"a", "---\nkind: training\ntitle: x\nlang: fr\ndate: 2027-13-45\ntime: 9h-18h\nplace: p\nregister: r\n---\nb\n", "a.md:5: bad date"},
		{"a", "---\nkind: training\ntitle: x\nlang: fr\ndate: 2027-03-01\ntime: midi\nplace: p\nregister: r\n---\nb\n", "a.md:6: bad time \"midi\""},
		{"a", "---\nkind: training\ntitle: x\nlang: fr\nstarts: 2027-03-01T09:00:00+01:00\nends: 2027-03-01T08:00:00+01:00\nplace: p\nregister: r\n---\nb\n", "a.md:6: ends must come after starts"},
		{"a", "---\nkind: training\ntitle: x\nlang: fr\nstarts: 2027-03-01 09:00\nends: 2027-03-01T18:00:00+01:00\nplace: p\nregister: r\n---\nb\n", "a.md:5: bad starts"},
		{"a", "---\nkind: training\ntitle: x\nlang: fr\ndate: 2027-03-01\ntime: 9h-18h\nregister: r\n---\nb\n", "a.md:2: missing field place"},
		{"a", "---\nkind: training\ntitle: x\nlang: fr\ndate: 2027-03-01\ntime: 9h-18h\nplace: p\n---\nb\n", "a.md:2: missing field register"},
		{"a", "---\nkind: training\ntitle: x\nlang: fr\ndate: 2027-03-01\ntime: 9h-18h\nplace: p\nregister: r\nseats: beaucoup\n---\nb\n", "a.md:9: seats must be"},
		{"a", "---\nkind: service\ntitle: x\nlang: fr\nopens: 2027-03-01\nurl: https://a\nplace: p\n---\nb\n", "a.md:7: place is only for kind: training"},
		{"a", "---\nkind: service\ntitle: x\nlang: fr\nopens: demain\nurl: https://a\n---\nb\n", "a.md:5: bad opens"},
		{"a", "---\nkind: service\ntitle: x\nlang: fr\nopens: 2027-03-01\nurl: video.example\n---\nb\n", "a.md:6: url \"video.example\" must start"},
		{"a", "---\nkind: service\ntitle: x\nlang: de\nopens: 2027-03-01\nurl: https://a\ncolour: blue\n---\nb\n", "a.md:4: unknown lang"},
		{"a", "---\nkind: service\ntitle: x\nlang: fr\nopens: 2027-03-01\nurl: https://a\ncolour: blue\n---\nb\n", "a.md:7: unknown key \"colour\""},
		{"a", "---\nkind: service\ntitle: x\nlang: fr\nopens: 2027-03-01\nurl: https://a\nrooms: [\"nocolon\"]\n---\nb\n", "a.md:7: bad room \"nocolon\""},
		{"a", "---\nkind: service\ntitle: x\nlang: fr\nopens: 2027-03-01\nurl: https://a\n---\n\n", "a.md:8: empty description"},
		{"a", "---\nkind: service\ntitle: [x\n---\nb\n", "bad YAML: did not find expected"},
		{"a", "kind: service\n", "a.md:1: missing front matter"},
	}
	for _, c := range cases {
		fsys := fstest.MapFS{c.name + ".md": {Data: []byte(c.src)}}
		_, err := LoadFS(fsys, paris)
		var probs faq.Problems
		if !errors.As(err, &probs) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want %q, got %v", c.want, err)
		}
	}
}

func TestLoadDuplicateIDsAndMissingDir(t *testing.T) {
	ok := "---\nkind: service\ntitle: x\nlang: fr\nopens: 2027-03-01\nurl: https://a\n---\nb\n"
	fsys := fstest.MapFS{"fr/a.md": {Data: []byte(ok)}, "en/a.md": {Data: []byte(ok)}, "README.md": {Data: []byte("no front matter")}}
	_, err := LoadFS(fsys, paris)
	if err == nil || !strings.Contains(err.Error(), "duplicate id a") {
		t.Fatalf("duplicate ids: %v", err)
	}
	_, err = LoadDir(t.TempDir()+"/nope", paris)
	if err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("missing dir: %v", err)
	}
}

func TestExampleAnnouncementsLint(t *testing.T) {
	anns, err := LoadFS(example.Announcements(), paris)
	if err != nil {
		t.Fatal(err)
	}
	var trainings, services int
	for _, a := range anns {
		switch a.Kind {
		case Training:
			trainings++
		case Service:
			services++
		}
		if a.Start.Year() < 2027 {
			t.Errorf("%s: example dates must stay in the future for the demo (%v)", a.ID, a.Start)
		}
	}
	if trainings < 2 || services < 1 {
		t.Fatalf("examples: %d trainings, %d services", trainings, services)
	}
}
