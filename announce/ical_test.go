package announce

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"codeberg.org/entraide/entraide/example"
)

func TestICSParsesWithARealParser(t *testing.T) {
	anns, err := LoadFS(example.Announcements(), paris)
	if err != nil {
		t.Fatal(err)
	}
	long := training("long-one", time.Date(2027, 5, 22, 9, 0, 0, 0, paris))
	long.Title = "Formation; avec, virgules \\ et « guillemets » " + strings.Repeat("é", 60)
	long.Body = "Ligne 1\nLigne 2, avec; ponctuation"
	anns = append(anns, long)
	now := time.Date(2026, 11, 25, 15, 4, 5, 0, time.UTC)
	var buf bytes.Buffer
	if err := WriteICS(&buf, Feed{Name: "Formations", Domain: "etabli.example", PriceLabel: "Tarif : ", RegisterLabel: "Inscription : "}, anns, now); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	checkContentLines(t, raw)

	cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the feed: %v\n%s", err, raw)
	}
	// The encoder validates required properties (VERSION, PRODID, UID, DTSTAMP).
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Fatalf("feed is not a valid calendar: %v", err)
	}
	events := cal.Events()
	var trainings []*Announcement
	for _, a := range anns {
		if a.Kind == Training {
			trainings = append(trainings, a)
		}
	}
	if len(events) != len(trainings) {
		t.Fatalf("%d events for %d trainings", len(events), len(trainings))
	}
	byUID := map[string]ical.Event{}
	for _, e := range events {
		uid, _ := e.Props.Text(ical.PropUID)
		byUID[uid] = e
	}
	for _, a := range trainings {
		e, ok := byUID[a.ID+"@etabli.example"]
		if !ok {
			t.Fatalf("no event with the stable UID of %s", a.ID)
		}
		st, err := e.DateTimeStart(nil)
		if err != nil || !st.Equal(a.Start) {
			t.Errorf("%s: DTSTART %v (%v), want %v", a.ID, st, err, a.Start)
		}
		en, err := e.DateTimeEnd(nil)
		if err != nil || !en.Equal(a.End) {
			t.Errorf("%s: DTEND %v (%v), want %v", a.ID, en, err, a.End)
		}
		sum, _ := e.Props.Text(ical.PropSummary)
		if sum != a.Title {
			t.Errorf("summary %q, want %q", sum, a.Title)
		}
		stamp, err := e.Props.DateTime(ical.PropDateTimeStamp, nil)
		if err != nil || !stamp.Equal(now) {
			t.Errorf("DTSTAMP %v %v", stamp, err)
		}
	}
	desc, _ := byUID["long-one@etabli.example"].Props.Text(ical.PropDescription)
	if !strings.HasPrefix(desc, "Ligne 1\nLigne 2, avec; ponctuation\n\n") || !strings.Contains(desc, "Inscription : https://x.example") {
		t.Errorf("description did not survive escaping: %q", desc)
	}
	// Same files, same UIDs: write again later and compare.
	var again bytes.Buffer
	WriteICS(&again, Feed{Domain: "etabli.example"}, anns, now.Add(time.Hour))
	for uid := range byUID {
		if !strings.Contains(again.String(), "UID:"+uid+"\r\n") {
			t.Errorf("UID %s not stable", uid)
		}
	}
}

// checkContentLines applies RFC 5545 §3.1 strictly, which go-ical tolerates:
// every line ends with CRLF, no physical line exceeds 75 octets, folds never
// split a UTF-8 sequence, and every unfolded line is "NAME[;params]:value".
func checkContentLines(t *testing.T, raw []byte) {
	t.Helper()
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Fatal("feed does not end with CRLF")
	}
	phys := strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n")
	var logical []string
	for i, l := range phys {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Fatalf("line %d is %d octets long: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	folded := 0
	for _, l := range phys {
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("the long title should have been folded")
	}
	for _, l := range logical {
		name, _, ok := strings.Cut(l, ":")
		if !ok || name == "" || strings.ToUpper(name) != name {
			t.Fatalf("malformed content line %q", l)
		}
	}
	if logical[0] != "BEGIN:VCALENDAR" || logical[len(logical)-1] != "END:VCALENDAR" {
		t.Fatal("not wrapped in VCALENDAR")
	}
}

func TestEscapeText(t *testing.T) {
	if got := EscapeText("a,b;c\\d\ne\x01"); got != `a\,b\;c\\d\ne` {
		t.Fatalf("%q", got)
	}
}

// A registration link is written raw in the URL property (a URI is not
// escaped like TEXT). One holding a line break, as a quoted YAML string
// allows, must not start a property of its own in the feed.
func TestICSURLCannotInjectProperties(t *testing.T) {
	a := training("inj", time.Date(2027, 5, 22, 9, 0, 0, 0, paris))
	a.Register = "https://x.example/a\r\nATTENDEE:mailto:evil@example.org\nX-EVIL:1"
	var buf bytes.Buffer
	if err := WriteICS(&buf, Feed{Domain: "etabli.example"}, []*Announcement{a}, time.Now()); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	for i, l := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") || strings.HasPrefix(l, "ATTENDEE") || strings.HasPrefix(l, "X-EVIL") {
			t.Fatalf("line %d was injected by the registration link: %q\n%s", i+1, l, raw)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the feed: %v\n%s", err, raw)
	}
	ev := cal.Events()[0]
	if ev.Props.Get(ical.PropAttendee) != nil || ev.Props.Get("X-EVIL") != nil {
		t.Fatalf("injected properties in the event:\n%s", raw)
	}
	// The link is still given, escaped, in the description.
	if desc, _ := ev.Props.Text(ical.PropDescription); !strings.Contains(desc, "https://x.example/a") {
		t.Fatalf("description lost the registration: %q", desc)
	}
}
