package main

import (
	"testing"
	"time"

	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/example"
)

// Whatever the day the demo starts, its example trainings are upcoming and
// nothing is due at once; each keeps its weekday, its times and its distance
// to the others. Checked for every day of four years, at times of day around the
// posts' (9h30 less 14 days may be 8h30 or 10h30 after a change of summer
// time, services at 10h).
func TestDemoDatesComeAfterToday(t *testing.T) {
	cfg, err := demoConfig(t.TempDir() + "/demo.db")
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(cfg.Bot.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	files, err := announce.LoadFS(example.Announcements(), loc)
	if err != nil {
		t.Fatal(err)
	}
	sched := announce.Schedule{Location: loc, Rooms: []announce.Room{{Adapter: "console", ID: "support"}}}
	// The files as written: from 2027-02-27 the demo would post at start.
	if due := sched.Due(files, nil, time.Date(2027, 3, 1, 12, 0, 0, 0, loc)); len(due) == 0 {
		t.Fatal("this test must catch the fixed dates' posts at start")
	}
	day0 := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
	for d := range 4 * 366 {
		for _, m := range []int{3 * 60, 8*60 + 30, 9 * 60, 9*60 + 30, 10 * 60, 10*60 + 30, 23*60 + 30} {
			now := time.Date(day0.Year(), day0.Month(), day0.Day()+d, 0, m, 0, 0, loc)
			moved := demoDates(files, loc, now)
			if due := sched.Due(moved, nil, now); len(due) != 0 {
				t.Fatalf("%v: %d posts due at start, first %s", now, len(due), due[0].FileID)
			}
			if up := announce.UpcomingTrainings(moved, now); len(up) < 2 {
				t.Fatalf("%v: %d upcoming trainings", now, len(up))
			}
			if first := firstSlot(moved, sched); first.Sub(now) > 7*24*time.Hour+time.Hour {
				t.Fatalf("%v: first post %v, more than a week ahead", now, first)
			}
			for i, a := range moved {
				f := files[i]
				if a.ID != f.ID || !sameWallClock(a.Start, f.Start, loc) || !sameWallClock(a.End, f.End, loc) {
					t.Fatalf("%v: %s moved from %v–%v to %v–%v", now, f.ID, f.Start, f.End, a.Start, a.End)
				}
				if days(moved[0].Start, a.Start, loc) != days(files[0].Start, f.Start, loc) {
					t.Fatalf("%v: %s no longer %d days after %s", now, f.ID, days(files[0].Start, f.Start, loc), f.ID)
				}
			}
		}
	}
	if files[0].Start.Year() != 2027 {
		t.Fatal("the files must stay as written")
	}
}

func sameWallClock(a, b time.Time, loc *time.Location) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	a, b = a.In(loc), b.In(loc)
	return a.Weekday() == b.Weekday() && a.Hour() == b.Hour() && a.Minute() == b.Minute()
}

// days counts calendar days from a to b.
func days(a, b time.Time, loc *time.Location) int {
	a, b = a.In(loc), b.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 12, 0, 0, 0, time.UTC)
	return int(db.Sub(da) / (24 * time.Hour))
}
