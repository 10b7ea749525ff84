package web_test

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/adapters/console"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
	"codeberg.org/entraide/entraide/web"
)

// twoCommunities is one site over two communities sharing one console
// adapter and one database: "a" (mentors anne and carol) and "b" (mentors
// bruno and carol); admin is an admin of the bot.
type twoCommunities struct {
	*site
	bots   map[string]*bot.Bot
	stores map[string]storage.CommunityStore
}

func newTwoCommunities(t *testing.T) *twoCommunities {
	t.Helper()
	ctx := context.Background()
	s := &site{t: t, ctx: ctx, out: &syncBuffer{}, clock: bottest.NewClock(time.Now())}
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "t.db"), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	con := console.New(console.Options{BotName: "entraide", In: strings.NewReader(""), Out: s.out})
	tc := &twoCommunities{site: s, bots: map[string]*bot.Bot{}, stores: map[string]storage.CommunityStore{}}
	var comms []web.Community
	for _, g := range []struct{ name, mentor string }{{"a", "anne"}, {"b", "bruno"}} {
		b := bot.New(bot.Options{Name: "entraide", Lang: "fr",
			Mentors:     map[string][]string{"console": {g.mentor, "carol"}},
			Admins:      map[string][]string{"console": {"admin"}},
			MentorsRoom: &bot.Room{Adapter: "console", ID: "mentors-" + g.name}})
		kb := bottest.KB(t)
		b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
		if err := b.AddAdapter(con); err != nil {
			t.Fatal(err)
		}
		cs := store.In(g.name)
		desk, err := tickets.Enable(b, cs, tickets.Options{DraftsDir: filepath.Join(t.TempDir(), "drafts")})
		if err != nil {
			t.Fatal(err)
		}
		tc.bots[g.name], tc.stores[g.name] = b, cs
		comms = append(comms, web.Community{Name: g.name, Chat: b, Actions: desk, Records: cs})
	}
	srv, err := web.New(web.Options{Communities: comms, Now: s.clock.Now, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	s.srv = srv
	return tc
}

// question opens a ticket in community name and returns its number there.
func (tc *twoCommunities) question(name, user, text string) int64 {
	tc.t.Helper()
	tc.seq++
	tc.bots[name].Message(tc.ctx, bot.Message{ID: "q" + name + text, Room: bot.Room{Adapter: "console", ID: "support-" + name},
		Sender: bot.User{ID: user}, Text: text, Time: time.Now()})
	ts, err := tc.stores[name].Tickets(tc.ctx, tickets.Filter{})
	if err != nil || len(ts) == 0 || ts[len(ts)-1].Question != text {
		tc.t.Fatalf("no ticket in %s for %q: %v", name, text, err)
	}
	return ts[len(ts)-1].ID
}

func (tc *twoCommunities) state(name string, id int64) tickets.State {
	tc.t.Helper()
	t, err := tc.stores[name].Ticket(tc.ctx, id)
	if err != nil {
		tc.t.Fatal(err)
	}
	return t.State
}

func TestCommunityMentorSeesAndActsOnlyOnTheirOwn(t *testing.T) {
	tc := newTwoCommunities(t)
	a1 := tc.question("a", "vous", "mon imprimante affiche une erreur A ?")
	b1 := tc.question("b", "dave", "où se garer près du local B ?")
	b2 := tc.question("b", "eve", "le wifi ne marche plus B ?")
	if a1 != 1 || b1 != 1 || b2 != 2 {
		t.Fatalf("tickets are numbered per community: a %d, b %d %d", a1, b1, b2)
	}

	c := tc.browser()
	c.login("bruno")
	if !strings.Contains(tc.out.String(), "[dm-bruno]") {
		t.Fatalf("bruno's code goes to him:\n%s", tc.out)
	}
	w := c.get("/tickets?state=all")
	mustHave(t, "b's queue", w, http.StatusOK, "Communauté : b", "où se garer près du local B ?", "le wifi ne marche plus B ?")
	if strings.Contains(w.Body.String(), "imprimante") || strings.Contains(w.Body.String(), `name="community"`) {
		t.Fatalf("a mentor of b sees neither a's tickets nor a community switch:\n%s", w.Body)
	}
	w = c.get("/tickets/1")
	mustHave(t, "b's ticket 1", w, http.StatusOK, "où se garer près du local B ?")
	if strings.Contains(w.Body.String(), "imprimante") {
		t.Fatalf("/tickets/1 is b's ticket 1 for a mentor of b:\n%s", w.Body)
	}
	for _, path := range []string{"/c/a/tickets/1", "/c/a/tickets", "/c/a/gaps", "/c/zzz/tickets"} {
		mustHave(t, "guessing "+path, c.get(path), http.StatusForbidden, "Vous n'êtes pas bénévole de cette communauté.")
	}
	for _, path := range []string{"/gaps", "/faq"} {
		if w := c.get(path); w.Code != http.StatusOK || strings.Contains(w.Body.String(), "imprimante") {
			t.Fatalf("%s of b shows a's question: %d\n%s", path, w.Code, w.Body)
		}
	}
	mustHave(t, "switch to a", c.post("/community", url.Values{"community": {"a"}}), http.StatusForbidden)
	if w := c.post("/tickets/1/claim", nil); w.Code != http.StatusSeeOther {
		t.Fatalf("claiming b's ticket 1: %d %s", w.Code, w.Body)
	}
	if tc.state("b", 1) != tickets.Claimed || tc.state("a", 1) != tickets.Open {
		t.Fatalf("bruno's claim takes b's ticket 1 only: b %s, a %s", tc.state("b", 1), tc.state("a", 1))
	}
	c.get("/tickets/1")
	c.post("/tickets/1/answer", url.Values{"text": {"Au parking du marché."}})
	if a, _ := tc.stores["a"].Ticket(tc.ctx, 1); a.Answer != "" || a.State != tickets.Open {
		t.Fatalf("a's ticket 1 untouched: %+v", a)
	}

	// A mentor of a guessing b's ticket 2 gets a's (missing) ticket 2.
	ca := tc.browser()
	ca.login("anne")
	mustHave(t, "a has no ticket 2", ca.get("/tickets/2"), http.StatusNotFound)
	mustHave(t, "no action on b's ticket 2", ca.post("/tickets/2/resolve", nil), http.StatusNotFound)
	if tc.state("b", 2) != tickets.Open {
		t.Fatalf("b's ticket 2 stays open: %s", tc.state("b", 2))
	}
}

func TestCommunitySwitchForAdminsAndMentorsOfSeveral(t *testing.T) {
	tc := newTwoCommunities(t)
	tc.question("a", "vous", "mon imprimante affiche une erreur A ?")
	tc.question("b", "dave", "où se garer près du local B ?")

	for _, who := range []string{"admin", "carol"} {
		c := tc.browser()
		c.login(who)
		w := c.get("/tickets/1")
		mustHave(t, who+" starts in a", w, http.StatusOK, "mon imprimante affiche une erreur A ?")
		if !strings.Contains(w.Body.String(), `<option value="a" selected>a</option><option value="b">b</option>`) {
			t.Fatalf("%s may switch between a and b:\n%s", who, w.Body)
		}
		staleA := c.csrf
		mustHave(t, who+" switches", c.post("/community", url.Values{"community": {"b"}}), http.StatusSeeOther)
		mustHave(t, who+" in b", c.get("/tickets/1"), http.StatusOK, "où se garer près du local B ?")
		// A claim form left open on a's ticket 1 must not claim b's.
		w = c.post("/tickets/1/claim", url.Values{"csrf": {staleA}})
		mustHave(t, who+"'s stale form", w, http.StatusForbidden, "Ce formulaire a expiré")
		if tc.state("b", 1) != tickets.Open || tc.state("a", 1) != tickets.Open {
			t.Fatalf("a stale form acts on nothing: a %s, b %s", tc.state("a", 1), tc.state("b", 1))
		}
		// A link naming its community shows it.
		w = c.get("/c/a/tickets/1?lang=fr")
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/tickets/1?lang=fr" {
			t.Fatalf("/c/a/tickets/1: %d %q", w.Code, w.Header().Get("Location"))
		}
		mustHave(t, who+" back in a", c.get("/tickets/1"), http.StatusOK, "mon imprimante affiche une erreur A ?")
		if w := c.get("/c/a/%2F%2Fevil.example"); w.Header().Get("Location") != "/tickets" {
			t.Fatalf("/c/a/%%2F%%2Fevil.example leaves the site: %q", w.Header().Get("Location"))
		}
	}
	if w := tc.browser().get("/c/a/tickets/1"); w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login?next=%2Fc%2Fa%2Ftickets%2F1") {
		t.Fatalf("without a session a community link goes to login, then back: %d %q", w.Code, w.Header().Get("Location"))
	}
}
