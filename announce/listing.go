package announce

import (
	"sort"
	"time"
)

// UpcomingTrainings returns the trainings not yet over at now, next first.
func UpcomingTrainings(anns []*Announcement, now time.Time) []*Announcement {
	var out []*Announcement
	for _, a := range anns {
		if a.Kind == Training && now.Before(a.End) {
			out = append(out, a)
		}
	}
	sortByStart(out)
	return out
}

// RecentServices returns the services opening after now, or opened less
// than `recent` before it, soonest opening first.
func RecentServices(anns []*Announcement, now time.Time, recent time.Duration) []*Announcement {
	var out []*Announcement
	for _, a := range anns {
		// A service opens for its whole opening day.
		if a.Kind == Service && now.Before(a.Start.AddDate(0, 0, 1).Add(recent)) {
			out = append(out, a)
		}
	}
	sortByStart(out)
	return out
}

func sortByStart(as []*Announcement) {
	sort.SliceStable(as, func(i, j int) bool {
		if !as[i].Start.Equal(as[j].Start) {
			return as[i].Start.Before(as[j].Start)
		}
		return as[i].ID < as[j].ID
	})
}
