package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// An answer sent from the page is shown in the mentors' room like one
// typed there; an answer longer than the chat takes is refused with the
// form again; a ticket opened by asking for a person names its origin in
// words.
func TestWebAnswerReachesTheMentorsRoomAndKeepsTheChatLimit(t *testing.T) {
	s := newSite(t)
	id := s.question("vous", "mon imprimante affiche une erreur ?")
	c := s.browser()
	c.login("mentor")
	path := "/tickets/" + strconv.FormatInt(id, 10)

	c.get(path)
	long := strings.Repeat("trop long ", 2000)
	w := c.post(path+"/answer", url.Values{"text": {long}})
	mustHave(t, "long answer", w, http.StatusUnprocessableEntity, "trop longue")
	if !strings.Contains(w.Body.String(), `maxlength="16384"`) || !strings.Contains(w.Body.String(), `id="answer-error"`) {
		t.Fatalf("the form again, with the limit and why:\n%s", w.Body)
	}
	if strings.Contains(s.out.String(), "trop long trop long") {
		t.Fatalf("a 20 000-character answer was relayed:\n%s", s.out)
	}

	c.get(path)
	if w := c.post(path+"/answer", url.Values{"text": {"Redémarrez-la."}}); w.Code != http.StatusSeeOther {
		t.Fatalf("answer: %d %s", w.Code, w.Body)
	}
	var shown bool
	for _, l := range strings.Split(s.out.String(), "\n") {
		if strings.HasPrefix(l, "[mentors]") && strings.Contains(l, "Ticket n° 1") && strings.Contains(l, "réponse de mentor") {
			shown = true
		}
	}
	if !shown || !strings.Contains(s.out.String(), "> Redémarrez-la.") {
		t.Fatalf("the web answer must be shown in the mentors' room:\n%s", s.out)
	}

	s.ask("alice", "dm-alice", "!humain")
	page := c.get("/tickets/2")
	mustHave(t, "human origin", page, http.StatusOK, "la personne a demandé à parler à quelqu'un")
	if strings.Contains(page.Body.String(), "origin.human") {
		t.Fatalf("raw key on the page:\n%s", page.Body)
	}
}

// The page shows a bidirectional control as its code, not as an override.
func TestWebShowsBidiControlsAsCodes(t *testing.T) {
	s := newSite(t)
	id := s.question("vous", "ma facture\u202egpj.exe ne s'ouvre pas ?")
	c := s.browser()
	c.login("mentor")
	for _, path := range []string{"/tickets", "/tickets/" + strconv.FormatInt(id, 10)} {
		body := c.get(path).Body.String()
		if strings.ContainsRune(body, '\u202e') || !strings.Contains(body, "facture[U+202E]gpj.exe") {
			t.Fatalf("%s shows the override:\n%s", path, body)
		}
	}
}
