package announce

import (
	"fmt"
	"testing"
	"time"
)

const day = 24 * time.Hour

var roomA = Room{"fake", "general"}

func training(id string, start time.Time) *Announcement {
	return &Announcement{ID: id, Kind: Training, Title: "T " + id, Lang: "fr", Start: start, End: start.Add(8 * time.Hour),
		Place: "Grenoble", Register: "https://x.example"}
}

func sched() Schedule {
	return Schedule{Offsets: []time.Duration{2 * day, 14 * day}, Location: paris, Rooms: []Room{roomA}}
}

// post simulates a successful send of every due post at now.
func post(s Schedule, anns []*Announcement, hist []Record, now time.Time) ([]Post, []Record) {
	due := s.Due(anns, hist, now)
	for _, p := range due {
		r := p.Record()
		r.State, r.ClaimedAt, r.SentAt = Sent, now, now
		hist = append(hist, r)
	}
	return due, hist
}

func TestDueOffsetsInOrderAndOnlyOnce(t *testing.T) {
	start := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	anns := []*Announcement{training("t", start)}
	s := sched()
	var hist []Record
	steps := []struct {
		at     time.Time
		offset time.Duration // -1: nothing due
	}{
		{start.Add(-15 * day), -1},
		{start.Add(-14*day - time.Second), -1},
		{start.Add(-14 * day), 14 * day},
		{start.Add(-14 * day), -1},
		{start.Add(-10 * day), -1},
		{start.Add(-2 * day), 2 * day},
		{start.Add(-1 * day), -1},
		{start.Add(time.Hour), -1},
	}
	for i, st := range steps {
		var due []Post
		due, hist = post(s, anns, hist, st.at)
		if st.offset < 0 {
			if len(due) != 0 {
				t.Fatalf("step %d: unexpected %+v", i, due)
			}
			continue
		}
		if len(due) != 1 || due[0].Kind != Announce || due[0].Offset != st.offset || due[0].Room != roomA {
			t.Fatalf("step %d: want offset %v, got %+v", i, st.offset, due)
		}
	}
}

func TestDueCatchUpOnlyLatestAndNotAfterStart(t *testing.T) {
	start := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	anns := []*Announcement{training("t", start)}
	s := sched()
	due := s.Due(anns, nil, start.Add(-36*time.Hour)) // both slots missed
	if len(due) != 1 || due[0].Offset != 2*day {
		t.Fatalf("catch-up must post the latest missed offset only: %+v", due)
	}
	if due := s.Due(anns, nil, start.Add(time.Minute)); len(due) != 0 {
		t.Fatalf("nothing once the training started: %+v", due)
	}
}

func TestDueLeaseOnUnconfirmedClaim(t *testing.T) {
	start := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	anns := []*Announcement{training("t", start)}
	s := sched()
	now := start.Add(-14 * day)
	p := s.Due(anns, nil, now)[0]
	r := p.Record()
	r.State, r.ClaimedAt = Claimed, now
	hist := []Record{r}
	if due := s.Due(anns, hist, now.Add(DefaultLease-time.Second)); len(due) != 0 {
		t.Fatalf("a live claim must block: %+v", due)
	}
	if due := s.Due(anns, hist, now.Add(DefaultLease)); len(due) != 1 || due[0].Offset != 14*day {
		t.Fatalf("an expired claim must be retried: %+v", due)
	}
}

func TestDueCorrectionAndCancel(t *testing.T) {
	start := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	a := training("t", start)
	s := sched()
	_, hist := post(s, []*Announcement{a}, nil, start.Add(-14*day))
	if due := s.Due([]*Announcement{a}, hist, start.Add(-13*day)); len(due) != 0 {
		t.Fatalf("unchanged: %+v", due)
	}
	moved := *a
	moved.Start, moved.End = start.Add(7*day), start.Add(7*day+8*time.Hour)
	var due []Post
	due, hist = post(s, []*Announcement{&moved}, hist, start.Add(-13*day))
	if len(due) != 1 || due[0].Kind != Correction || due[0].Seq != 1 || !due[0].Prev.Start.Equal(start) {
		t.Fatalf("date change: %+v", due)
	}
	if due := s.Due([]*Announcement{&moved}, hist, start.Add(-12*day)); len(due) != 0 {
		t.Fatalf("one correction per change: %+v", due)
	}
	// Moved back: a second correction with its own slot.
	due, hist = post(s, []*Announcement{a}, hist, start.Add(-12*day))
	if len(due) != 1 || due[0].Kind != Correction || due[0].Seq != 2 {
		t.Fatalf("second change: %+v", due)
	}
	// A title change is not a correction.
	retitled := *a
	retitled.Title = "Autre titre"
	if due := s.Due([]*Announcement{&retitled}, hist, start.Add(-11*day)); len(due) != 0 {
		t.Fatalf("title change: %+v", due)
	}
	// Removed: one cancellation, then nothing.
	due, hist = post(s, nil, hist, start.Add(-11*day))
	if len(due) != 1 || due[0].Kind != Cancel || due[0].Prev.Title != a.Title {
		t.Fatalf("cancel: %+v", due)
	}
	if due := s.Due(nil, hist, start.Add(-10*day)); len(due) != 0 {
		t.Fatalf("cancel twice: %+v", due)
	}
}

func TestDueNoCancelForPastOrUnannounced(t *testing.T) {
	start := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	a := training("t", start)
	s := sched()
	_, hist := post(s, []*Announcement{a}, nil, start.Add(-2*day))
	if due := s.Due(nil, hist, start.Add(time.Hour)); len(due) != 0 {
		t.Fatalf("no cancellation after the start: %+v", due)
	}
	if due := s.Due(nil, nil, start.Add(-day)); len(due) != 0 {
		t.Fatalf("nothing to cancel when never announced: %+v", due)
	}
}

func TestDueServiceOnOpeningDay(t *testing.T) {
	svc := &Announcement{ID: "pt", Kind: Service, Title: "PeerTube", Lang: "fr", AllDay: true,
		Start: time.Date(2027, 3, 1, 0, 0, 0, 0, paris), URL: "https://v.example"}
	s := sched()
	at10 := time.Date(2027, 3, 1, 10, 0, 0, 0, paris)
	if due := s.Due([]*Announcement{svc}, nil, at10.Add(-time.Minute)); len(due) != 0 {
		t.Fatalf("before service_time: %+v", due)
	}
	due, hist := post(s, []*Announcement{svc}, nil, at10)
	if len(due) != 1 || due[0].Kind != Announce || due[0].Offset != 0 {
		t.Fatalf("opening: %+v", due)
	}
	if due := s.Due([]*Announcement{svc}, hist, at10.Add(time.Hour)); len(due) != 0 {
		t.Fatalf("twice: %+v", due)
	}
	if due := s.Due([]*Announcement{svc}, nil, at10.Add(DefaultServiceGrace)); len(due) != 0 {
		t.Fatalf("too late to catch up: %+v", due)
	}
	if due := s.Due(nil, hist, at10.Add(time.Hour)); len(due) != 0 {
		t.Fatalf("an opened service is not cancelled: %+v", due)
	}
}

func TestDueRoomsFromFileOverrideDefaults(t *testing.T) {
	start := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	a := training("t", start)
	a.Rooms = []Room{{"matrix", "!x:example.org"}, {"xmpp", "s@conf.example.org"}}
	due := sched().Due([]*Announcement{a}, nil, start.Add(-day))
	if len(due) != 2 || due[0].Room == roomA || due[1].Room == roomA {
		t.Fatalf("%+v", due)
	}
}

func TestSimulateMatchesSchedule(t *testing.T) {
	start := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	anns := []*Announcement{training("t", start), training("u", start.Add(60*day))}
	from := start.Add(-20 * day)
	got := sched().Simulate(anns, nil, from, from.Add(30*day))
	if len(got) != 2 {
		t.Fatalf("want the two posts of t, got %+v", got)
	}
	if !got[0].At.Equal(start.Add(-14*day)) || !got[1].At.Equal(start.Add(-2*day)) {
		t.Fatalf("times: %v %v", got[0].At, got[1].At)
	}
	// Starting late: the catch-up is made at "from".
	got = sched().Simulate(anns, nil, start.Add(-5*day), start)
	if len(got) != 2 || got[0].Offset != 14*day || !got[0].At.Equal(start.Add(-5*day)) || got[1].Offset != 2*day {
		t.Fatalf("late start: %+v", got)
	}
}

func TestUpcomingAndRecent(t *testing.T) {
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, paris)
	past := training("past", now.Add(-10*day))
	next := training("next", now.Add(3*day))
	later := training("later", now.Add(30*day))
	up := UpcomingTrainings([]*Announcement{later, past, next}, now)
	if len(up) != 2 || up[0] != next || up[1] != later {
		t.Fatalf("%v", up)
	}
	svc := func(id string, d time.Duration) *Announcement {
		return &Announcement{ID: id, Kind: Service, Start: time.Date(2027, 3, 1, 0, 0, 0, 0, paris).Add(d)}
	}
	got := RecentServices([]*Announcement{svc("old", -60*day), svc("today", 0), svc("soon", 5*day)}, now, 30*day)
	if len(got) != 2 || got[0].ID != "today" || got[1].ID != "soon" {
		t.Fatalf("%v", got)
	}
}

// BenchmarkDue: one posting round over 200 trainings in 3 rooms with a
// history of 1200 records (what a minute's tick costs, storage aside).
func BenchmarkDue(b *testing.B) {
	start := time.Date(2027, 3, 13, 9, 30, 0, 0, paris)
	s := sched()
	s.Rooms = []Room{roomA, {"matrix", "!b:example.org"}, {"xmpp", "c@conf.example.org"}}
	var anns []*Announcement
	for i := 0; i < 200; i++ {
		anns = append(anns, training(fmt.Sprintf("t%03d", i), start.Add(time.Duration(i)*day)))
	}
	hist := s.Simulate(anns, nil, start.Add(-20*day), start.Add(100*day))
	var recs []Record
	for _, p := range hist {
		r := p.Record()
		r.State = Sent
		recs = append(recs, r)
	}
	now := start.Add(100 * day)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Due(anns, recs, now)
	}
	b.ReportMetric(float64(len(recs)), "records")
}
