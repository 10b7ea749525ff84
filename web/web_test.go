package web_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/tickets"
	"codeberg.org/entraide/entraide/web"
)

func TestLoginByCodeSentInADirectMessage(t *testing.T) {
	s := newSite(t)
	c := s.browser()
	w := c.get("/tickets?state=all")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login?next=%2Ftickets%3Fstate%3Dall" {
		t.Fatalf("without a session the queue sends to the login page: %d %q", w.Code, w.Header().Get("Location"))
	}
	mustHave(t, "login page", c.get("/login?next=%2Ftickets%3Fstate%3Dall"), http.StatusOK, "Connexion des bénévoles", `Identifiant Matrix`)
	w = c.post("/login", url.Values{"id": {" mentor "}, "next": {"/tickets?state=all"}})
	mustHave(t, "code page", w, http.StatusOK, "Si mentor est l'identifiant d'un·e bénévole", "Code reçu")
	code := s.lastCode("mentor")
	if code == "" || !strings.Contains(s.out.String(), "[dm-mentor] entraide: Votre code de connexion") {
		t.Fatalf("the code goes to the mentor's direct room:\n%s", s.out)
	}
	w = c.post("/login/code", url.Values{"code": {code}, "next": {"/tickets?state=all"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/tickets?state=all" {
		t.Fatalf("a right code logs in and goes where the mentor wanted: %d %q", w.Code, w.Header().Get("Location"))
	}
	ck := c.cookies["entraide_session"]
	if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie must be HttpOnly and SameSite=Strict: %+v", ck)
	}
	mustHave(t, "queue", c.get("/tickets"), http.StatusOK, "Connecté·e : mentor", "Aucun ticket ne correspond.")
	if w := c.post("/login/code", url.Values{"code": {code}}); w.Code != http.StatusBadRequest {
		t.Fatalf("a code works once: %d", w.Code)
	}
	// Logging out ends the session.
	c.get("/tickets")
	if w := c.post("/logout", nil); w.Code != http.StatusSeeOther {
		t.Fatalf("logout: %d", w.Code)
	}
	if w := c.get("/tickets"); w.Code != http.StatusSeeOther {
		t.Fatalf("after logout the queue is closed: %d", w.Code)
	}
}

func TestLoginRefusals(t *testing.T) {
	s := newSite(t)

	// Someone who is no mentor sees the same page, and no code goes out.
	c := s.browser()
	c.get("/login")
	mustHave(t, "stranger", c.post("/login", url.Values{"id": {"vous"}}), http.StatusOK, "Si vous est l'identifiant")
	if strings.Contains(s.out.String(), "dm-vous") {
		t.Fatalf("no code for a non-mentor:\n%s", s.out)
	}
	for _, guess := range []string{"00000000", "12345678", ""} {
		mustHave(t, "stranger's guess", c.post("/login/code", url.Values{"code": {guess}}), http.StatusUnauthorized, "pas le bon")
	}
	if w := c.get("/tickets"); w.Code != http.StatusSeeOther {
		t.Fatalf("a non-mentor stays out: %d", w.Code)
	}

	// An expired code.
	c = s.browser()
	c.get("/login")
	c.post("/login", url.Values{"id": {"carol"}})
	code := s.lastCode("carol")
	s.clock.Advance(10*time.Minute + time.Second)
	mustHave(t, "expired code", c.post("/login/code", url.Values{"code": {code}}), http.StatusUnauthorized, "Ce code a expiré")
	if w := c.get("/tickets"); w.Code != http.StatusSeeOther {
		t.Fatalf("an expired code does not log in: %d", w.Code)
	}

	// Five wrong codes void the right one.
	c = s.browser()
	c.get("/login")
	c.post("/login", url.Values{"id": {"mentor"}})
	code = s.lastCode("mentor")
	for i := 0; i < 4; i++ {
		mustHave(t, "wrong code", c.post("/login/code", url.Values{"code": {"99999999"}}), http.StatusUnauthorized, "pas le bon")
	}
	mustHave(t, "fifth wrong code", c.post("/login/code", url.Values{"code": {"99999999"}}), http.StatusUnauthorized, "Trop d'essais")
	if w := c.post("/login/code", url.Values{"code": {code}}); w.Code == http.StatusSeeOther {
		t.Fatal("after too many tries the code is void")
	}

	// A code typed in another browser than the one that asked for it.
	c = s.browser()
	c.get("/login")
	s.clock.Advance(2 * time.Minute)
	c.post("/login", url.Values{"id": {"carol"}})
	code = s.lastCode("carol")
	other := s.browser()
	other.get("/login")
	if w := other.post("/login/code", url.Values{"code": {code}}); w.Code == http.StatusSeeOther {
		t.Fatal("a code logs in only the browser that asked for it")
	}

	// A second request within a minute sends nothing new.
	sent := strings.Count(s.out.String(), "[dm-carol]")
	c.post("/login", url.Values{"id": {"carol"}})
	if n := strings.Count(s.out.String(), "[dm-carol]"); n != sent {
		t.Fatalf("one code a minute: %d messages, want %d", n, sent)
	}
	w := c.post("/login/code", url.Values{"code": {code}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("the first code stays valid: %d %s", w.Code, w.Body)
	}

	// After login, only a path of this site is followed.
	c = s.browser()
	c.get("/login")
	s.clock.Advance(2 * time.Minute)
	c.post("/login", url.Values{"id": {"mentor"}})
	w = c.post("/login/code", url.Values{"code": {s.lastCode("mentor")}, "next": {"//evil.example/x"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/tickets" {
		t.Fatalf("next=//evil.example: %d %q", w.Code, w.Header().Get("Location"))
	}

	// A login form without its CSRF token.
	c = s.browser()
	c.get("/login")
	mustHave(t, "forged login", c.post("/login", url.Values{"id": {"mentor"}, "csrf": {"forged"}}), http.StatusForbidden, "Ce formulaire a expiré")
}

func TestTicketActionsGoThroughTheCore(t *testing.T) {
	s := newSite(t)
	id := s.question("vous", "mon imprimante affiche une erreur ?")
	c := s.browser()
	c.login("mentor")
	path := "/tickets/" + strconv.FormatInt(id, 10)

	mustHave(t, "queue", c.get("/tickets"), http.StatusOK, "mon imprimante affiche une erreur ?", "ouvert", "Prendre le n° 1")
	s.ask("vous", "support", "c'est une HP DeskJet 2700")
	mustHave(t, "ticket page", c.get(path), http.StatusOK, "Ticket n° 1", "la FAQ n'avait pas de réponse", "Historique", "Prendre",
		"message de la personne (vous)", "c'est une HP DeskJet 2700")

	w := c.post(path+"/claim", nil)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != path+"?done=claim" {
		t.Fatalf("claim: %d %q %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	if tk := s.ticket(id); tk.State != tickets.Claimed || tk.Mentor.ID != "mentor" || tk.Mentor.Adapter != "console" {
		t.Fatalf("claimed by the web mentor: %+v", tk)
	}
	mustHave(t, "after claim", c.get(path+"?done=claim"), http.StatusOK, "Ticket pris.", "Libérer")

	// Another mentor may not take it, or answer it, from the page either.
	carol := s.browser()
	carol.login("carol")
	carol.get(path)
	mustHave(t, "claimed by another", carol.post(path+"/claim", nil), http.StatusConflict, "déjà pris par mentor")
	mustHave(t, "answer by another", carol.post(path+"/answer", url.Values{"text": {"Moi aussi"}}), http.StatusConflict, "pris par mentor")
	mustHave(t, "unclaim by another", carol.post(path+"/unclaim", nil), http.StatusConflict, "pris par mentor")

	// An empty answer is refused by the core.
	c.get(path)
	mustHave(t, "empty answer", c.post(path+"/answer", url.Values{"text": {"  "}}), http.StatusUnprocessableEntity,
		"Il manque le texte", "Votre réponse")

	c.get(path)
	w = c.post(path+"/answer", url.Values{"text": {"Redémarrez-la, puis passez mercredi."}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", w.Code, w.Body)
	}
	if !strings.Contains(s.out.String(), "[support] entraide: vous: Redémarrez-la, puis passez mercredi.") {
		t.Fatalf("the asker gets the answer in the chat, as with !answer:\n%s", s.out)
	}
	if tk := s.ticket(id); tk.State != tickets.Answered || tk.Answer != "Redémarrez-la, puis passez mercredi." {
		t.Fatalf("answered: %+v", tk)
	}
	mustHave(t, "history", c.get(path), http.StatusOK, "répondu (mentor)", "Redémarrez-la, puis passez mercredi.", "Rouvrir")

	w = c.post(path+"/draft", nil)
	if w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "done=draft&file=imprimante-affiche-erreur.md") {
		t.Fatalf("draft: %d %q %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	data, err := os.ReadFile(filepath.Join(s.drafts, "imprimante-affiche-erreur.md"))
	if err != nil || !strings.Contains(string(data), "draft: true") || !strings.Contains(string(data), "Redémarrez-la") {
		t.Fatalf("draft file: %v\n%s", err, data)
	}

	c.get(path)
	if w := c.post(path+"/resolve", nil); w.Code != http.StatusSeeOther {
		t.Fatalf("resolve: %d %s", w.Code, w.Body)
	}
	mustHave(t, "resolve twice", c.post(path+"/resolve", nil), http.StatusConflict, "déjà clos")
	if w := c.post(path+"/reopen", nil); w.Code != http.StatusSeeOther || s.ticket(id).State != tickets.Open {
		t.Fatalf("reopen: %d %s", w.Code, w.Body)
	}

	// What the chat does, the page shows: a claim by !prendre.
	s.ask("carol", "mentors", "!prendre "+strconv.FormatInt(id, 10))
	mustHave(t, "claimed in the chat", c.get(path), http.StatusOK, "pris", "carol")
	// Only the holder or an admin gives it back.
	c.get(path)
	mustHave(t, "unclaim not mine", c.post(path+"/unclaim", nil), http.StatusConflict, "pris par carol")
	admin := s.browser()
	admin.login("admin")
	mustHave(t, "admin badge", admin.get(path), http.StatusOK, "(admin)", "Libérer")
	if w := admin.post(path+"/unclaim", nil); w.Code != http.StatusSeeOther || s.ticket(id).State != tickets.Open {
		t.Fatalf("an admin may unclaim anyone's ticket: %d %s", w.Code, w.Body)
	}

	mustHave(t, "unknown ticket", c.get("/tickets/99"), http.StatusNotFound, "Il n'y a pas de ticket n° 99.")
	mustHave(t, "bad number", c.get("/tickets/x"), http.StatusNotFound)
	mustHave(t, "unknown action", c.post(path+"/delete", nil), http.StatusNotFound)
}

func TestActionsRefusedWithoutSessionOrToken(t *testing.T) {
	s := newSite(t)
	id := s.question("vous", "mon imprimante affiche une erreur ?")
	path := "/tickets/" + strconv.FormatInt(id, 10)

	// No session: a visitor's CSRF token is right, but nobody is logged in.
	anon := s.browser()
	anon.get("/login")
	mustHave(t, "no session", anon.post(path+"/claim", nil), http.StatusForbidden, "Votre session a pris fin")
	for _, p := range []string{"/tickets", path, "/gaps", "/faq", "/announcements"} {
		if w := anon.get(p); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login?next=") {
			t.Fatalf("%s without a session: %d %q", p, w.Code, w.Header().Get("Location"))
		}
	}

	c := s.browser()
	c.login("mentor")
	c.get(path)
	mustHave(t, "forged token", c.post(path+"/claim", url.Values{"csrf": {"Zm9yZ2Vk"}}), http.StatusForbidden, "Ce formulaire a expiré")
	mustHave(t, "no token", c.post(path+"/claim", url.Values{"csrf": {""}}), http.StatusForbidden)
	// The token of another browser's session does not fit this one.
	mustHave(t, "other session's token", c.post(path+"/claim", url.Values{"csrf": {anon.csrf}}), http.StatusForbidden)
	if st := s.ticket(id).State; st != tickets.Open {
		t.Fatalf("refused actions change nothing: %s", st)
	}

	// A cookie edited to name someone else is not a session.
	ck := *c.cookies["entraide_session"]
	payload, sig, _ := strings.Cut(ck.Value, ".")
	forged := s.browser()
	ck.Value = strings.Replace(payload, "bWVudG9y", "YWRtaW4", 1) + "." + sig
	forged.cookies["entraide_session"] = &ck
	if w := forged.get("/tickets"); w.Code != http.StatusSeeOther {
		t.Fatalf("an edited cookie must not log in: %d", w.Code)
	}

	// A session past its time.
	s.clock.Advance(13 * time.Hour)
	if w := c.get("/tickets"); w.Code != http.StatusSeeOther {
		t.Fatalf("an old session must not log in: %d", w.Code)
	}
}

func TestQueueFilters(t *testing.T) {
	s := newSite(t)
	a := s.question("vous", "mon imprimante affiche une erreur ?")
	s.askIn("en", "bea", "atelier", "how do I print in colour?")
	c := s.browser()
	c.login("mentor")
	c.get("/tickets")
	c.post("/tickets/"+strconv.FormatInt(a, 10)+"/claim", nil)

	w := c.get("/tickets?state=open")
	mustHave(t, "open only", w, http.StatusOK, "how do I print in colour?")
	if strings.Contains(w.Body.String(), "mon imprimante") {
		t.Fatal("a claimed ticket is not open")
	}
	w = c.get("/tickets?state=all&room=console%3Asupport")
	mustHave(t, "by room", w, http.StatusOK, "mon imprimante")
	if strings.Contains(w.Body.String(), "print in colour") {
		t.Fatal("the room filter keeps one room")
	}
	w = c.get("/tickets?language=en")
	mustHave(t, "by language", w, http.StatusOK, "print in colour")
	if strings.Contains(w.Body.String(), "mon imprimante") {
		t.Fatal("the language filter keeps English questions")
	}
	mustHave(t, "too old", c.get("/tickets?age=gt1"), http.StatusOK, "Aucun ticket ne correspond.")
	mustHave(t, "recent", c.get("/tickets?age=lt1"), http.StatusOK, "mon imprimante", "print in colour")
	mustHave(t, "unknown state", c.get("/tickets?state=lost"), http.StatusOK, "mon imprimante")
}

func TestLanguageFromBrowserAndChoice(t *testing.T) {
	s := newSite(t)
	c := s.browser()
	c.header.Set("Accept-Language", "de-DE, en-GB;q=0.8, fr;q=0.5")
	w := c.get("/login")
	mustHave(t, "english", w, http.StatusOK, `Mentors' login`, "Send me a code")
	if !strings.Contains(w.Body.String(), `<html lang="en">`) {
		t.Fatal("the page says its language")
	}
	mustHave(t, "override", c.get("/login?lang=fr"), http.StatusOK, "Connexion des bénévoles", "Recevoir un code")
	mustHave(t, "remembered", c.get("/login"), http.StatusOK, "Connexion des bénévoles")
	c.login("mentor")
	id := s.question("vous", "mon imprimante affiche une erreur ?")
	c.get("/tickets?lang=en")
	mustHave(t, "english ticket", c.get("/tickets/"+strconv.FormatInt(id, 10)), http.StatusOK, "Ticket #1", "the FAQ had no answer", "Send the answer")
}

func TestGapsGroupQuestionsAndDraftAnEntry(t *testing.T) {
	s := newSite(t)
	s.question("vous", "où se garer près du local ?")
	s.question("bea", "on peut se garer près du local ?")
	s.question("cyril", "mon imprimante affiche une erreur ?")
	c := s.browser()
	c.login("mentor")
	w := c.get("/gaps")
	mustHave(t, "gaps", w, http.StatusOK, "2 question(s) : où se garer près du local ?", "1 question(s) : mon imprimante",
		"Faire un brouillon d'entrée à partir de ces questions")
	w = c.post("/gaps/draft", url.Values{"t": {"1", "2"}, "days": {"30"}})
	mustHave(t, "draft", w, http.StatusOK, "Brouillon écrit : garer-pres-local.md")
	data, err := os.ReadFile(filepath.Join(s.drafts, "garer-pres-local.md"))
	if err != nil || !strings.Contains(string(data), "on peut se garer près du local ?") || !strings.Contains(string(data), "(Réponse à écrire.)") {
		t.Fatalf("group draft: %v\n%s", err, data)
	}
	mustHave(t, "history", c.get("/tickets/2"), http.StatusOK, "brouillon de FAQ écrit (mentor)", "garer-pres-local")
	mustHave(t, "unknown ticket", c.post("/gaps/draft", url.Values{"t": {"77"}}), http.StatusNotFound)
	mustHave(t, "bad number", c.post("/gaps/draft", url.Values{"t": {"x"}}), http.StatusBadRequest)
	mustHave(t, "drafts on the health page", c.get("/faq"), http.StatusOK, "Brouillons à relire", "garer-pres-local.md")
	s.clock.Advance(40 * 24 * time.Hour)
	c.login("mentor")
	mustHave(t, "old questions leave", c.get("/gaps?days=30"), http.StatusOK, "Aucune question sans réponse")
}

func TestFAQHealthCountsAnswersVotesAndRejections(t *testing.T) {
	s := newSite(t)
	s.ask("vous", "support", "combien coûte la formation ?")
	s.ask("vous", "support", "merci")
	s.ask("bea", "support", "combien coûte la formation ?")
	s.ask("bea", "support", "non ça marche pas")
	c := s.browser()
	c.login("mentor")
	w := c.get("/faq")
	mustHave(t, "health", w, http.StatusOK, "Combien coûte la formation ?", "Mot de passe du Nuage perdu",
		"Questions où elle n'a pas aidé (1)", "Entrées jamais données")
	body := w.Body.String()
	card := body[strings.Index(body, "<h3>Combien coûte la formation ?</h3>"):]
	card = card[:strings.Index(card, "</li>")]
	var counts []string
	for _, m := range regexp.MustCompile(`<dd>(\d+)</dd>`).FindAllStringSubmatch(card, -1) {
		counts = append(counts, m[1])
	}
	if strings.Join(counts, " ") != "2 1 1 1" {
		t.Fatalf("answers 2, merci 1, 👍 1, 👎 1 expected, got %v in:\n%s", counts, card)
	}
	unused := body[strings.Index(body, "Entrées jamais données"):]
	if !strings.Contains(unused, "Mot de passe du Nuage perdu") {
		t.Fatalf("the entry never given is listed:\n%s", unused)
	}
}

func TestAnnouncementsOff(t *testing.T) {
	s := newSite(t)
	c := s.browser()
	c.login("mentor")
	mustHave(t, "off", c.get("/announcements"), http.StatusOK, "Les annonces ne sont pas activées.")
}

func TestAnnouncementsPreview(t *testing.T) {
	s := newSite(t)
	start := time.Now().AddDate(0, 0, 20).Truncate(time.Hour)
	file := "---\nkind: training\ntitle: \"Atelier PeerTube\"\nlang: fr\nstarts: " + start.Format(time.RFC3339) +
		"\nends: " + start.Add(3*time.Hour).Format(time.RFC3339) + "\nplace: \"Local\"\nregister: \"https://example.org\"\n---\nVenez.\n"
	anns, err := announce.LoadFS(fstest.MapFS{"atelier-peertube.md": {Data: []byte(file)}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	an := bot.NewAnnouncer(s.b, anns, bot.AnnouncerOptions{Store: s.store, Schedule: announce.Schedule{
		Location: time.UTC, Offsets: []time.Duration{14 * 24 * time.Hour, 2 * 24 * time.Hour},
		Rooms: []announce.Room{{Adapter: "console", ID: "support"}}}})
	srv, err := web.New(web.Options{Chat: s.b, Actions: s.desk, Records: s.store, Announcements: an, Now: s.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	s.srv = srv
	c := s.browser()
	c.login("mentor")
	w := c.get("/announcements")
	mustHave(t, "preview", w, http.StatusOK, "Atelier PeerTube", "annonce · 14 j avant", "annonce · 2 j avant", "console:support",
		start.AddDate(0, 0, -14).Format("2006-01-02"))
}
