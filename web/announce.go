package web

import (
	"net/http"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/announce"
)

type postRow struct{ When, Where, What, Title, File string }

type annData struct {
	On    bool
	Intro string
	Posts []postRow
}

// previewDays is how far the announcements page looks ahead.
const previewDays = 30

func (s *Server) announcePage(q *req) {
	d := &annData{On: q.c.Announcements != nil, Intro: q.say("ann.intro", previewDays)}
	if d.On {
		from := s.o.Now()
		posts, err := q.c.Announcements.Preview(q.r.Context(), from, from.AddDate(0, 0, previewDays))
		if err != nil {
			s.internal(q, err)
			return
		}
		for _, p := range posts {
			what := q.say("ann.kind." + string(p.Kind))
			if p.Kind == announce.Announce && p.Offset > 0 {
				what += " · " + q.say("ann.before", days(q.lang, p.Offset))
			}
			title := ""
			switch {
			case p.Ann != nil:
				title = p.Ann.Title
			case p.Prev != nil:
				title = p.Prev.Title
			}
			d.Posts = append(d.Posts, postRow{When: s.date(p.At), Where: p.Room.String(), What: what, Title: title, File: p.FileID})
		}
	}
	s.render(q, http.StatusOK, "announcements", s.view(q, "announcements", q.say("ann.title"), d))
}

// days writes an offset such as 14 days or 2 h in the page's language.
func days(lang string, d time.Duration) string {
	if d >= 24*time.Hour && d%(24*time.Hour) == 0 {
		return strings.TrimSpace(tr(lang, "age.d", int(d/(24*time.Hour))))
	}
	return age(lang, d)
}
