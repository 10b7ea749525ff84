package bot

import (
	"strings"
	"time"

	"codeberg.org/entraide/entraide/announce"
)

// formatDay writes a date in words: "samedi 13 mars 2027".
func formatDay(lang string, t time.Time) string {
	days := strings.Split(T(lang, "ann.weekdays"), ",")
	months := strings.Split(T(lang, "ann.months"), ",")
	wd, mo := "", ""
	if len(days) == 7 {
		wd = days[t.Weekday()]
	}
	if len(months) == 12 {
		mo = months[t.Month()-1]
	}
	return T(lang, "ann.day", wd, t.Day(), mo, t.Year())
}

// formatClock writes a wall-clock time: "9h30" in French, "9:30" in English.
func formatClock(lang string, t time.Time) string {
	if t.Minute() == 0 {
		return T(lang, "ann.clock_hour", t.Hour())
	}
	return T(lang, "ann.clock", t.Hour(), t.Minute())
}

// formatWhen writes when an event happens, in loc.
func formatWhen(lang string, kind announce.Kind, start, end time.Time, loc *time.Location) string {
	start = start.In(loc)
	if kind == announce.Service || end.IsZero() {
		return formatDay(lang, start)
	}
	end = end.In(loc)
	y1, m1, d1 := start.Date()
	if y2, m2, d2 := end.Date(); y1 == y2 && m1 == m2 && d1 == d2 {
		return T(lang, "ann.same_day", formatDay(lang, start), formatClock(lang, start), formatClock(lang, end))
	}
	return T(lang, "ann.multi_day", formatDay(lang, start), formatClock(lang, start), formatDay(lang, end), formatClock(lang, end))
}

func formatPlace(lang, place string, online bool) string {
	switch {
	case place != "" && online:
		return T(lang, "ann.place_and_online", place)
	case online:
		return T(lang, "ann.online")
	}
	return place
}

// trainingDetails is the block of lines shared by posts and listings.
func (a *Announcer) trainingDetails(lang string, x *announce.Announcement) []string {
	loc := a.opts.Schedule.Location
	lines := []string{
		T(lang, "ann.when", formatWhen(lang, x.Kind, x.Start, x.End, loc)),
		T(lang, "ann.where", formatPlace(lang, x.Place, x.Online)),
	}
	if x.Price != "" {
		lines = append(lines, T(lang, "ann.price", x.Price))
	}
	if x.Seats > 0 {
		lines = append(lines, T(lang, "ann.seats", x.Seats))
	}
	lines = append(lines, T(lang, "ann.register", x.Register))
	return lines
}

func (a *Announcer) serviceDetails(lang string, x *announce.Announcement, now time.Time) []string {
	day := formatDay(lang, x.Start.In(a.opts.Schedule.Location))
	key := "ann.opens"
	if !now.Before(x.Start) {
		key = "ann.opened"
	}
	lines := []string{T(lang, key, day), T(lang, "ann.url", x.URL)}
	if x.Price != "" {
		lines = append(lines, T(lang, "ann.price", x.Price))
	}
	if x.Register != "" {
		lines = append(lines, T(lang, "ann.account", x.Register))
	}
	return lines
}

// renderPost writes one scheduled post in the room's language.
func (a *Announcer) renderPost(p *announce.Post, lang string, now time.Time) string {
	var lines []string
	loc := a.opts.Schedule.Location
	switch p.Kind {
	case announce.Announce:
		x := p.Ann
		if x.Kind == announce.Service {
			lines = append(lines, T(lang, "ann.post_service", x.Title), "")
			lines = append(lines, x.Body, "")
			lines = append(lines, a.serviceDetails(lang, x, now)...)
			break
		}
		days := int(x.Start.Sub(now).Hours()/24 + 0.5)
		if days <= 1 {
			lines = append(lines, T(lang, "ann.post_training_soon", x.Title))
		} else {
			lines = append(lines, T(lang, "ann.post_training", days, x.Title))
		}
		if p.Changed {
			lines = append(lines, T(lang, "ann.post_changed"))
		}
		lines = append(lines, "", x.Body, "")
		lines = append(lines, a.trainingDetails(lang, x)...)
		lines = append(lines, "", T(lang, "ann.more_trainings"))
	case announce.Correction:
		x := p.Ann
		lines = append(lines, T(lang, "ann.post_correction", x.Title), "")
		lines = append(lines, T(lang, "ann.when", formatWhen(lang, x.Kind, x.Start, x.End, loc)))
		if x.Kind == announce.Training {
			lines = append(lines, T(lang, "ann.where", formatPlace(lang, x.Place, x.Online)))
		}
		if q := p.Prev; q != nil {
			was := formatWhen(lang, q.AnnKind, q.Start, q.End, loc)
			if pl := formatPlace(lang, q.Place, q.Online); pl != "" {
				was += ", " + pl
			}
			lines = append(lines, T(lang, "ann.was", was))
		}
		if x.Kind == announce.Training {
			lines = append(lines, T(lang, "ann.register", x.Register))
		}
	case announce.Cancel:
		q := p.Prev
		lines = append(lines, T(lang, "ann.post_cancel", q.Title, formatWhen(lang, q.AnnKind, q.Start, q.End, loc)))
		if q.AnnKind == announce.Training {
			lines = append(lines, T(lang, "ann.more_trainings"))
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
