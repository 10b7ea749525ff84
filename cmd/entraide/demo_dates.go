package main

import (
	"io/fs"
	"time"

	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/example"
)

// demoAnnFS is the example announcements as the demo runs them: with their
// dates moved by demoDates when loaded.
type demoAnnFS struct{ fs.FS }

func demoAnnouncements() fs.FS { return demoAnnFS{example.Announcements()} }

// demoDates moves the example announcements by whole weeks so that the
// first post of the default schedule (a training's first reminder, a
// service's opening) falls within the week after now. The example files
// carry fixed dates, which pass: the demo would then post them all at start,
// and later have no training left to show. Whole weeks in the announcements'
// zone keep weekdays and times of day.
func demoDates(anns []*announce.Announcement, loc *time.Location, now time.Time) []*announce.Announcement {
	sched := announce.Schedule{Location: loc}
	first := firstSlot(anns, sched)
	if first.IsZero() {
		return anns
	}
	// The fewest weeks (either way) that put the first slot after now.
	const week = 7 * 24 * time.Hour
	d := now.Sub(first)
	weeks := int(d / week)
	if d < 0 && d%week != 0 {
		weeks-- // round down, not towards zero
	}
	weeks++
	for {
		out := make([]*announce.Announcement, len(anns))
		for i, a := range anns {
			c := *a
			c.Start = a.Start.In(loc).AddDate(0, 0, 7*weeks)
			if !a.End.IsZero() {
				c.End = a.End.In(loc).AddDate(0, 0, 7*weeks)
			}
			out[i] = &c
		}
		// A change of summer time on the way moves the first slot by an
		// hour: one more week if that put it at or before now.
		if firstSlot(out, sched).After(now) {
			return out
		}
		weeks++
	}
}

func firstSlot(anns []*announce.Announcement, sched announce.Schedule) time.Time {
	var first time.Time
	for _, a := range anns {
		for _, st := range sched.Slots(a) {
			if first.IsZero() || st.At.Before(first) {
				first = st.At
			}
		}
	}
	return first
}
