package bot

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"codeberg.org/entraide/entraide/announce"
)

// maxTrainingsListed bounds the !formations answer; the feed has the rest.
const maxTrainingsListed = 5

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
	if len(up) > maxTrainingsListed {
		up = up[:maxTrainingsListed]
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

// routeDirectQuestion answers, ahead of the FAQ, a message that is nothing
// but a question about the next trainings or the new services ("c'est
// quand la prochaine formation ?", "next training?"). The dates live in the
// announcement files, so the FAQ, however confident, cannot answer that
// better; anything with more words ("comment s'inscrire à la prochaine
// formation ?") still goes to the FAQ first and reaches routeQuestion only
// when the FAQ has no confident answer.
func (a *Announcer) routeDirectQuestion(ctx context.Context, req *Request) bool {
	if _, _, isCmd := parseCommand(req.Msg.Text); isCmd || a.b.IsMentorsRoom(req.Msg.Room) {
		return false
	}
	topic, pure, en := askedAbout(req.Msg.Text)
	if topic == "" || !pure {
		return false
	}
	if en && req.Msg.Lang == "" {
		req.Lang = "en"
	}
	return a.answerTopic(ctx, req, topic)
}

// routeQuestion answers "c'est quand la prochaine formation ?" or "any new
// services?" with the !formations / !services answer when the FAQ had no
// confident answer. It must run before the tickets hook, which turns any
// unanswered question into a ticket.
func (a *Announcer) routeQuestion(ctx context.Context, req *Request) bool {
	topic, _, _ := askedAbout(req.Msg.Text)
	return a.answerTopic(ctx, req, topic)
}

func (a *Announcer) answerTopic(ctx context.Context, req *Request, topic string) bool {
	var text string
	switch topic {
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
	// Words that may surround a direct question without changing it.
	fillerWords = words("c ce ca cest est sont la le les l des de du d un une a y il t elle quel quelle quels quelles que qu on " +
		"nos vos votre vous je j en au aux et ou pour prevu prevue prevus prevues avez bonjour salut svp stp merci " +
		"the is are a an any there your do you have what s of for hi hello please planned coming up")
	// Words spelled the same in French and English.
	neutralWords = words("service services date dates agenda planning")
	// Words that mark an English question when the message has no language.
	englishWords = words("training trainings workshop workshops course courses next when upcoming schedule calendar soon " +
		"list which new opened opening open opens launched latest the is are any there what your when")
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
	topic, _, _ := askedAbout(text)
	return topic
}

// askedAbout also says whether the message is only that question (every
// word a topic word, a when/new word or filler) and whether it reads as
// English.
func askedAbout(text string) (topic string, pure, english bool) {
	ws := foldWords(text)
	has := func(set map[string]bool) bool {
		for _, w := range ws {
			if set[w] {
				return true
			}
		}
		return false
	}
	only := func(sets ...map[string]bool) bool {
		for _, w := range ws {
			in := false
			for _, s := range sets {
				in = in || s[w]
			}
			if !in {
				return false
			}
		}
		return true
	}
	switch {
	case has(trainingWords) && has(whenWords):
		topic, pure = "trainings", only(trainingWords, whenWords, fillerWords)
	case has(serviceWords) && has(newWords):
		topic, pure = "services", only(serviceWords, newWords, fillerWords)
	default:
		return "", false, false
	}
	en, fr := 0, 0
	for _, w := range ws {
		switch {
		case englishWords[w]:
			en++
		case !fillerWords[w] && !neutralWords[w]:
			fr++
		}
	}
	return topic, pure, en > 0 && fr == 0
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
