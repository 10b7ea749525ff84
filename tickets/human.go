package tickets

import (
	"context"
	"strings"

	"codeberg.org/entraide/entraide/bot"
)

// Asking for a person, in words or with !humain / !human, opens a ticket at
// once with what the asker said before, and gives its number; asking again
// while it is open gets the same ticket.

// humanNouns are who an asker may ask for, after a verb of humanVerbs.
// Askers type fast: SMS spellings are listed, and a word of five letters
// or more one typing slip away from one of these counts too (near).
var (
	humanNouns = setOf(`humain humaine humains benevole benevoles mentor mentors quelqu quelqu un personne
		conseiller conseillere operateur operatrice agent vrai vraie qqn qqun qq1 kelkun quelquun
		human humans person someone somebody volunteer volunteers real operator agent advisor adviser`)
	humanVerbs = setOf(`parler discuter echanger contacter joindre passer passez passe mettez mettre veux voudrais
		voudrait aimerais besoin avoir veu veut jveux jvoudrais jveu vx
		talk speak chat contact reach get want need have wanna`)
	// "personne" also means "nobody": only "une personne", "a person"
	humanArticles = setOf(`un une a an un e`)
	// a whole message asking for a person: "humain", "un humain svp",
	// "une vraie personne", "real person pls"
	humanAlone   = setOf(`humain humaine human benevole volunteer conseiller conseillere operateur operator mentor`)
	politeness   = setOf(`svp stp please plz pls merci thanks un une a an vrai vraie real e`)
	auxiliaries  = setOf(`ai as avons avez ont avait avais etait etais suis sont have has had already`)
	englishHuman = setOf(`talk speak chat contact reach get want need have human humans person someone somebody
		volunteer volunteers real please pls plz can could i to a an with wanna advisor operator`)
)

// asksForHuman reports whether text asks to talk to a person, and in which
// language it asks.
func asksForHuman(text string) (string, bool) {
	words := foldedWords(text)
	if len(words) == 0 || len(words) > 16 {
		return "", false
	}
	if alone(words) || verbThenPerson(words) {
		return langOf(words), true
	}
	return "", false
}

// alone: the message is only a person asked for, with courtesy words.
func alone(words []string) bool {
	found := false
	for i, w := range words {
		switch {
		case humanAlone[w] || near(w, humanAlone):
			found = true
		case (w == "personne" || w == "person") && i > 0 && (humanArticles[words[i-1]] || words[i-1] == "vraie" || words[i-1] == "real"):
			found = true
		case !politeness[w]:
			return false
		}
	}
	return found
}

// verbThenPerson: a verb of humanVerbs, then within four words a noun of
// humanNouns. Past forms are not in humanVerbs: "j'ai parlé à un bénévole
// hier" tells a story rather than asks.
func verbThenPerson(words []string) bool {
	for i, w := range words {
		if !humanVerbs[w] && !near(w, humanVerbs) {
			continue
		}
		if i > 0 && auxiliaries[words[i-1]] {
			continue // « j'ai parlé à un bénévole » tells, it does not ask
		}
		for j := i + 1; j < len(words) && j <= i+4; j++ {
			n := words[j]
			if !humanNouns[n] && !near(n, humanNouns) {
				continue
			}
			if (n == "personne" || n == "person") && !humanArticles[words[j-1]] && !(j >= 2 && humanArticles[words[j-2]]) {
				continue // "je veux parler, personne ne répond"
			}
			return true
		}
	}
	return false
}

// langOf guesses the language of a request for a person: English when most
// of its words are English ones.
func langOf(words []string) string {
	en := 0
	for _, w := range words {
		if englishHuman[w] {
			en++
		}
	}
	if en*2 > len(words) {
		return "en"
	}
	return "fr"
}

// cmdHuman is !humain / !human [what it is about].
func (tk *Desk) cmdHuman(ctx context.Context, req *bot.Request) error {
	tk.handToHuman(ctx, req, strings.TrimSpace(req.Args))
	return nil
}

// handToHuman opens a ticket for a person who asked for one, or points to
// the one they already have. about is what they said it is about ("" when
// they did not say): otherwise the ticket's question is their latest
// question to the bot, and the context holds the rest.
func (tk *Desk) handToHuman(ctx context.Context, req *bot.Request, about string) {
	m := req.Msg
	if t := tk.ticketOf(ctx, m); t != nil {
		if bot.IsCommand(m.Text) && about == "" {
			// « !humain » again: nothing new to tell the mentors
			tk.reply(ctx, req, req.T("ticket.human_known", t.ID))
			return
		}
		tk.followUp(ctx, req, t)
		tk.reply(ctx, req, req.T("ticket.human_again", t.ID))
		return
	}
	turns := tk.contextOf(m)
	q := about
	if q == "" {
		q = lastQuestion(turns)
	}
	opened := "ticket.human_opened"
	if q == "" {
		// nothing asked yet: the ticket says so, and the asker is asked
		// what it is about (their answer joins the ticket)
		q = bot.T(tk.mentorsLang(), "ticket.no_subject")
		opened = "ticket.human_what"
	}
	t := &Ticket{Origin: OriginHuman, Asker: m.Sender, Room: m.Room, MsgID: m.ID, ThreadID: m.ThreadID,
		Question: q, Lang: req.Lang, Context: turns}
	if err := tk.open(ctx, t); err != nil {
		tk.log.Error("opening a ticket failed", "err", err)
		tk.reply(ctx, req, req.T("ticket.not_recorded"))
		return
	}
	tk.reply(ctx, req, req.T(opened, t.ID))
	if !t.Repeat {
		tk.notify(ctx, t, nil)
	}
}

// near reports whether w, of five letters or more, is one typing slip (a
// letter left out, added or changed) from a word of set: « humin »,
// « parle », « contacte ».
func near(w string, set map[string]bool) bool {
	if len(w) < 5 {
		return false
	}
	for s := range set {
		if len(s) >= 5 && oneSlip(w, s) {
			return true
		}
	}
	return false
}

// oneSlip reports whether a and b differ by exactly one edit.
func oneSlip(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return i < len(ra) && string(ra[i+1:]) == string(rb[i+1:])
	}
	return string(ra[i:]) == string(rb[i+1:])
}
