package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// messages holds the page's texts; a key missing in one language is a test
// failure (TestCataloguesMatch).
var messages = map[string]map[string]string{
	"fr": {
		"skip":                "Aller au contenu",
		"nav.label":           "Pages",
		"nav.tickets":         "Tickets",
		"nav.gaps":            "Manques de la FAQ",
		"nav.faq":             "Santé de la FAQ",
		"nav.announcements":   "Annonces",
		"lang.other":          "English",
		"logout":              "Se déconnecter",
		"signed_in":           "Connecté·e : %s",
		"admin":               "admin",
		"login.title":         "Connexion des bénévoles",
		"login.intro":         "Indiquez votre identifiant de discussion : %s vous enverra un code en message privé.",
		"login.id":            "Identifiant Matrix (@nom:serveur), adresse XMPP (nom@serveur) ou nom sur la console",
		"login.send":          "Recevoir un code",
		"login.sent":          "Si %s est l'identifiant d'un·e bénévole, un code vient de lui être envoyé en message privé par %s. Il est valable 10 minutes.",
		"login.code":          "Code reçu (8 chiffres)",
		"login.enter":         "Se connecter",
		"login.again":         "Demander un autre code",
		"login.need_id":       "Indiquez votre identifiant.",
		"login.send_failed":   "Le code n'a pas pu être envoyé par la discussion. Réessayez dans un moment.",
		"login.wait":          "Un code a été envoyé il y a moins d'une minute : utilisez-le ou patientez.",
		"login.no_pending":    "Demandez d'abord un code.",
		"login.expired":       "Ce code a expiré (10 minutes). Demandez-en un autre.",
		"login.wrong":         "Ce code n'est pas le bon. Vérifiez le message privé reçu.",
		"login.too_many":      "Trop d'essais. Demandez un autre code.",
		"login.message":       "Votre code de connexion à la page des bénévoles : %s (valable 10 minutes). Si vous n'avez rien demandé, ignorez ce message.",
		"err.csrf":            "Ce formulaire a expiré ou ne vient pas de cette page. Rechargez la page et recommencez.",
		"err.community":       "Vous n'êtes pas bénévole de cette communauté.",
		"community.label":     "Communauté",
		"community.switch":    "Changer",
		"community.shown":     "Communauté : %s",
		"err.no_session":      "Votre session a pris fin : reconnectez-vous.",
		"err.not_found":       "Cette page n'existe pas.",
		"err.internal":        "Une erreur est survenue ; elle est notée dans le journal du bot.",
		"err.title":           "Oups",
		"tickets.title":       "Tickets",
		"tickets.filters":     "Filtres",
		"tickets.state":       "État",
		"tickets.room":        "Salon",
		"tickets.lang":        "Langue",
		"tickets.age":         "Âge",
		"tickets.any":         "Tous",
		"tickets.active":      "À traiter (ouverts et pris)",
		"tickets.age.any":     "Tous âges",
		"tickets.age.lt1":     "Moins d'un jour",
		"tickets.age.lt7":     "Moins de 7 jours",
		"tickets.age.gt1":     "Plus d'un jour",
		"tickets.age.gt7":     "Plus de 7 jours",
		"tickets.apply":       "Filtrer",
		"tickets.count":       "%d ticket(s), le plus ancien d'abord.",
		"tickets.none":        "Aucun ticket ne correspond.",
		"tickets.claim":       "Prendre le n° %d",
		"state.open":          "ouvert",
		"state.claimed":       "pris",
		"state.answered":      "répondu",
		"state.resolved":      "résolu",
		"ticket.title":        "Ticket n° %d",
		"ticket.state":        "État",
		"ticket.asker":        "Demandeur·euse",
		"ticket.room":         "Salon",
		"ticket.lang":         "Langue",
		"ticket.created":      "Ouvert le",
		"ticket.holder":       "Bénévole",
		"ticket.origin":       "Origine",
		"origin.unanswered":   "la FAQ n'avait pas de réponse",
		"origin.feedback":     "une réponse de la FAQ n'a pas aidé",
		"origin.human":        "la personne a demandé à parler à quelqu'un",
		"ticket.question":     "Question",
		"ticket.purged":       "Le texte a été effacé (durée de conservation).",
		"ticket.entry_given":  "Entrée de FAQ donnée",
		"ticket.guesses":      "Pistes de la FAQ",
		"ticket.no_guesses":   "Aucune piste.",
		"ticket.last_answer":  "Dernière réponse",
		"ticket.history":      "Historique",
		"ticket.actions":      "Actions",
		"ticket.answer":       "Votre réponse (transmise telle quelle à la personne, dans son salon)",
		"ticket.send":         "Envoyer la réponse",
		"ticket.claim":        "Prendre",
		"ticket.unclaim":      "Libérer",
		"ticket.resolve":      "Résoudre",
		"ticket.reopen":       "Rouvrir",
		"ticket.draft":        "Faire un brouillon d'entrée de FAQ",
		"ticket.back":         "Retour à la liste",
		"done.claim":          "Ticket pris.",
		"done.unclaim":        "Ticket libéré.",
		"done.answer":         "Réponse transmise.",
		"done.resolve":        "Ticket résolu.",
		"done.reopen":         "Ticket rouvert.",
		"done.draft":          "Brouillon écrit : %s",
		"gaps.title":          "Questions sans réponse dans la FAQ",
		"gaps.days":           "Sur les derniers jours",
		"gaps.apply":          "Afficher",
		"gaps.intro":          "Questions des %d derniers jours que la FAQ n'a pas su traiter, groupées par sujet (comme « entraide report »).",
		"gaps.none":           "Aucune question sans réponse sur cette période.",
		"gaps.group":          "%d question(s) : %s",
		"gaps.draft":          "Faire un brouillon d'entrée à partir de ces questions",
		"faq.title":           "Santé de la FAQ",
		"faq.entries":         "Entrées",
		"faq.entry":           "Entrée",
		"faq.answers":         "Réponses",
		"faq.up":              "👍",
		"faq.down":            "👎",
		"faq.thanks":          "« merci »",
		"faq.up_label":        "utile",
		"faq.down_label":      "pas utile",
		"faq.rejected":        "Questions où elle n'a pas aidé",
		"faq.unused":          "Entrées jamais données",
		"faq.unused_none":     "Toutes les entrées ont servi.",
		"faq.drafts":          "Brouillons à relire",
		"faq.drafts_none":     "Aucun brouillon en attente.",
		"faq.no_kb":           "La FAQ n'est pas chargée.",
		"ann.title":           "Annonces à venir",
		"ann.off":             "Les annonces ne sont pas activées.",
		"ann.intro":           "Ce qui sera publié dans les %d prochains jours (comme « entraide announce preview »).",
		"ann.none":            "Rien à publier.",
		"ann.when":            "Quand",
		"ann.where":           "Où",
		"ann.what":            "Quoi",
		"ann.kind.announce":   "annonce",
		"ann.kind.correction": "correctif",
		"ann.kind.cancel":     "annulation",
		"ann.before":          "%s avant",
		"age.min":             "%d min",
		"age.h":               "%d h",
		"age.d":               "%d j",
	},
	"en": {
		"skip":                "Skip to content",
		"nav.label":           "Pages",
		"nav.tickets":         "Tickets",
		"nav.gaps":            "FAQ gaps",
		"nav.faq":             "FAQ health",
		"nav.announcements":   "Announcements",
		"lang.other":          "Français",
		"logout":              "Log out",
		"signed_in":           "Signed in: %s",
		"admin":               "admin",
		"login.title":         "Mentors' login",
		"login.intro":         "Give your chat id: %s will send you a code in a direct message.",
		"login.id":            "Matrix id (@name:server), XMPP address (name@server) or console name",
		"login.send":          "Send me a code",
		"login.sent":          "If %s is a mentor's id, %s has just sent them a code in a direct message. It is valid for 10 minutes.",
		"login.code":          "Code received (8 digits)",
		"login.enter":         "Log in",
		"login.again":         "Ask for another code",
		"login.need_id":       "Give your id.",
		"login.send_failed":   "The code could not be sent over the chat. Try again in a moment.",
		"login.wait":          "A code was sent less than a minute ago: use it or wait a little.",
		"login.no_pending":    "Ask for a code first.",
		"login.expired":       "This code has expired (10 minutes). Ask for another one.",
		"login.wrong":         "This is not the right code. Check the direct message you received.",
		"login.too_many":      "Too many attempts. Ask for another code.",
		"login.message":       "Your login code for the mentors' page: %s (valid for 10 minutes). If you did not ask for it, ignore this message.",
		"err.csrf":            "This form has expired or does not come from this page. Reload the page and try again.",
		"err.community":       "You are not a mentor of this community.",
		"community.label":     "Community",
		"community.switch":    "Switch",
		"community.shown":     "Community: %s",
		"err.no_session":      "Your session has ended: log in again.",
		"err.not_found":       "There is no such page.",
		"err.internal":        "Something went wrong; it is written in the bot's log.",
		"err.title":           "Oops",
		"tickets.title":       "Tickets",
		"tickets.filters":     "Filters",
		"tickets.state":       "State",
		"tickets.room":        "Room",
		"tickets.lang":        "Language",
		"tickets.age":         "Age",
		"tickets.any":         "All",
		"tickets.active":      "To handle (open and claimed)",
		"tickets.age.any":     "Any age",
		"tickets.age.lt1":     "Less than a day",
		"tickets.age.lt7":     "Less than 7 days",
		"tickets.age.gt1":     "More than a day",
		"tickets.age.gt7":     "More than 7 days",
		"tickets.apply":       "Filter",
		"tickets.count":       "%d ticket(s), oldest first.",
		"tickets.none":        "No ticket matches.",
		"tickets.claim":       "Claim #%d",
		"state.open":          "open",
		"state.claimed":       "claimed",
		"state.answered":      "answered",
		"state.resolved":      "resolved",
		"ticket.title":        "Ticket #%d",
		"ticket.state":        "State",
		"ticket.asker":        "Asker",
		"ticket.room":         "Room",
		"ticket.lang":         "Language",
		"ticket.created":      "Opened",
		"ticket.holder":       "Mentor",
		"ticket.origin":       "Origin",
		"origin.unanswered":   "the FAQ had no answer",
		"origin.feedback":     "a FAQ answer did not help",
		"origin.human":        "the person asked to talk to someone",
		"ticket.question":     "Question",
		"ticket.purged":       "The text was erased (retention policy).",
		"ticket.entry_given":  "FAQ entry given",
		"ticket.guesses":      "The FAQ's guesses",
		"ticket.no_guesses":   "No guess.",
		"ticket.last_answer":  "Last answer",
		"ticket.history":      "History",
		"ticket.actions":      "Actions",
		"ticket.answer":       "Your answer (relayed as written to the person, in their room)",
		"ticket.send":         "Send the answer",
		"ticket.claim":        "Claim",
		"ticket.unclaim":      "Unclaim",
		"ticket.resolve":      "Resolve",
		"ticket.reopen":       "Reopen",
		"ticket.draft":        "Make a FAQ entry draft",
		"ticket.back":         "Back to the list",
		"done.claim":          "Ticket claimed.",
		"done.unclaim":        "Ticket unclaimed.",
		"done.answer":         "Answer relayed.",
		"done.resolve":        "Ticket resolved.",
		"done.reopen":         "Ticket reopened.",
		"done.draft":          "Draft written: %s",
		"gaps.title":          "Questions the FAQ misses",
		"gaps.days":           "Over the last days",
		"gaps.apply":          "Show",
		"gaps.intro":          "Questions of the last %d days the FAQ could not handle, grouped by topic (as in \"entraide report\").",
		"gaps.none":           "No unanswered question in this period.",
		"gaps.group":          "%d question(s): %s",
		"gaps.draft":          "Draft an entry from these questions",
		"faq.title":           "FAQ health",
		"faq.entries":         "Entries",
		"faq.entry":           "Entry",
		"faq.answers":         "Answers",
		"faq.up":              "👍",
		"faq.down":            "👎",
		"faq.thanks":          "\"thanks\"",
		"faq.up_label":        "helpful",
		"faq.down_label":      "not helpful",
		"faq.rejected":        "Questions where it did not help",
		"faq.unused":          "Entries never given",
		"faq.unused_none":     "Every entry has been used.",
		"faq.drafts":          "Drafts waiting for review",
		"faq.drafts_none":     "No draft waiting.",
		"faq.no_kb":           "The FAQ is not loaded.",
		"ann.title":           "Coming announcements",
		"ann.off":             "Announcements are not enabled.",
		"ann.intro":           "What will be posted in the next %d days (as \"entraide announce preview\").",
		"ann.none":            "Nothing to post.",
		"ann.when":            "When",
		"ann.where":           "Where",
		"ann.what":            "What",
		"ann.kind.announce":   "announcement",
		"ann.kind.correction": "correction",
		"ann.kind.cancel":     "cancellation",
		"ann.before":          "%s before",
		"age.min":             "%d min",
		"age.h":               "%d h",
		"age.d":               "%d d",
	},
}

// tr translates key into lang.
func tr(lang, key string, args ...any) string {
	s, ok := messages[lang][key]
	if !ok {
		s, ok = messages["fr"][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// say translates key into the request's language.
func (q *req) say(key string, args ...any) string { return tr(q.lang, key, args...) }

// pickLang is ?lang= (remembered in a cookie), else the cookie, else the
// first of fr and en in Accept-Language, else the default.
func (s *Server) pickLang(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "fr" || l == "en" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: isHTTPS(r)})
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "fr" || c.Value == "en") {
		return c.Value
	}
	if l := acceptLang(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return s.o.Lang
}

// acceptLang returns fr or en, whichever Accept-Language weighs most, or "".
func acceptLang(h string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		qv := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				qv = f
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if (base == "fr" || base == "en") && qv > bestQ {
			best, bestQ = base, qv
		}
	}
	return best
}

// age says how long ago, roughly.
func age(lang string, d time.Duration) string {
	switch {
	case d < time.Hour:
		return tr(lang, "age.min", int(d/time.Minute))
	case d < 48*time.Hour:
		return tr(lang, "age.h", int(d/time.Hour))
	}
	return tr(lang, "age.d", int(d/(24*time.Hour)))
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
