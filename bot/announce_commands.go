package bot

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"codeberg.org/entraide/entraide/announce"
)

// maxListed bounds the !formations answer; the feed has the rest.
const maxListed = 5

func (a *Announcer) cmdTrainings(ctx context.Context, req *Request) error {
	_, err := req.Reply(ctx, a.trainingsText(req.Lang))
	return err
}

func (a *Announcer) cmdServices(ctx context.Context, req *Request) error {
	_, err := req.Reply(ctx, a.servicesText(req.Lang))
	return err
}

func (a *Announcer) trainingsText(lang string) string {
	up := announce.UpcomingTrainings(a.Announcements(), a.opts.Clock.Now())
	if len(up) == 0 {
		return T(lang, "ann.no_trainings")
	}
	if len(up) > maxListed {
		up = up[:maxListed]
	}
	var sb strings.Builder
	sb.WriteString(T(lang, "ann.trainings_header"))
	for _, x := range up {
		sb.WriteString("\n\n**" + x.Title + "**")
		for _, l := range a.trainingDetails(lang, x) {
			sb.WriteString("\n" + l)
		}
	}
	return sb.String()
}

func (a *Announcer) servicesText(lang string) string {
	now := a.opts.Clock.Now()
	list := announce.RecentServices(a.Announcements(), now, a.opts.Recent)
	if len(list) == 0 {
		return T(lang, "ann.no_services")
	}
	var opened, coming []*announce.Announcement
	for _, x := range list {
		if now.Before(x.Start) {
			coming = append(coming, x)
		} else {
			opened = append(opened, x)
		}
	}
	var sb strings.Builder
	section := func(header string, xs []*announce.Announcement) {
		if len(xs) == 0 {
			return
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(T(lang, header))
		for _, x := range xs {
			sb.WriteString("\n\n**" + x.Title + "**")
			for _, l := range a.serviceDetails(lang, x, now) {
				sb.WriteString("\n" + l)
			}
		}
	}
	section("ann.services_opened_header", opened)
	section("ann.services_upcoming_header", coming)
	return sb.String()
}

// routeQuestion answers "c'est quand la prochaine formation ?" or "any new
// services?" with the !formations / !services answer when the FAQ had no
// confident answer. It must run before the tickets hook, which turns any
// unanswered question into a ticket.
func (a *Announcer) routeQuestion(ctx context.Context, req *Request) bool {
	var text string
	switch AskedAbout(req.Msg.Text) {
	case "trainings":
		text = a.trainingsText(req.Lang)
	case "services":
		text = a.servicesText(req.Lang)
	default:
		return false
	}
	if _, err := req.Reply(ctx, text); err != nil {
		a.b.log.Error("send failed", "room", req.Msg.Room.Key(), "err", err)
	}
	return true
}

var (
	trainingWords = words("formation formations training trainings atelier ateliers workshop workshops course courses cours")
	serviceWords  = words("service services")
	whenWords     = words("quand prochaine prochaines prochain prochains date dates calendrier agenda programme planning " +
		"venir bientot quelles quels liste next when upcoming schedule calendar soon list which")
	newWords = words("nouveau nouveaux nouvelle nouvelles nouveautes ouvert ouverts ouverture ouvre ouvrent recent recents " +
		"prochain prochains venir lance new opened opening open opens upcoming recent launched latest")
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// AskedAbout reports whether a question asks when the next trainings are
// ("trainings") or which services are new ("services"), or neither ("").
func AskedAbout(text string) string {
	ws := foldWords(text)
	has := func(set map[string]bool) bool {
		for _, w := range ws {
			if set[w] {
				return true
			}
		}
		return false
	}
	switch {
	case has(trainingWords) && has(whenWords):
		return "trainings"
	case has(serviceWords) && has(newWords):
		return "services"
	}
	return ""
}

// foldWords lowercases, strips accents and splits on anything but letters
// and digits ("C'est quand la prochaine formation ?" → c est quand la ...).
func foldWords(s string) []string {
	var sb strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			sb.WriteRune(r)
		default:
			sb.WriteByte(' ')
		}
	}
	return strings.Fields(sb.String())
}
