package tickets_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// newTicketClock is the fake clock of the ticket tests: Monday 2 March
// 2026, 9:00 UTC.
func newTicketClock() *bottest.Clock {
	return bottest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
}

type ticketEnv struct {
	b      *bot.Bot
	fa     *bottest.Adapter
	tk     *tickets.Desk
	store  *sqlite.TicketStore
	db     *sqlite.DB
	clock  *bottest.Clock
	drafts string
	ctx    context.Context
	relays []bot.Reply // what mentor commands sent outside the mentors' room
}

func openTestDB(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newTicketEnv makes a bot with tickets on a real SQLite file: mentors bob
// and carol, admin root, mentors' room "mentors", all on the fake adapter.
func newTicketEnv(t testing.TB, m faq.Matcher, opts tickets.Options) *ticketEnv {
	t.Helper()
	dir := t.TempDir()
	e := &ticketEnv{ctx: context.Background(), clock: newTicketClock(), drafts: filepath.Join(dir, "drafts")}
	e.db = openTestDB(t, filepath.Join(dir, "t.db"))
	e.b, e.fa = newTicketBot(t, m)
	e.store = sqlite.NewTicketStore(e.db)
	if opts.Clock == nil {
		opts.Clock = e.clock
	}
	if opts.DraftsDir == "" {
		opts.DraftsDir = e.drafts
	}
	var err error
	if e.tk, err = tickets.Enable(e.b, e.store, opts); err != nil {
		t.Fatal(err)
	}
	return e
}

// newTwoNetworkBot makes a bot from o with tickets on a real SQLite file
// and two fake adapters, "xmpp" and "matrix".
func newTwoNetworkBot(t testing.TB, o bot.Options) (b *bot.Bot, xmpp, matrix *bottest.Adapter, store *sqlite.TicketStore) {
	t.Helper()
	b = bot.New(o)
	kb := testKB(t)
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	xmpp, matrix = bottest.New("xmpp"), bottest.New("matrix")
	b.AddAdapter(xmpp)
	b.AddAdapter(matrix)
	store = sqlite.NewTicketStore(openTestDB(t, filepath.Join(t.TempDir(), "t.db")))
	if _, err := tickets.Enable(b, store, tickets.Options{}); err != nil {
		t.Fatal(err)
	}
	return b, xmpp, matrix, store
}

func newTicketBot(t testing.TB, m faq.Matcher) (*bot.Bot, *bottest.Adapter) {
	t.Helper()
	return bottest.NewBot(t, bot.Options{Name: "entraide",
		Mentors:     map[string][]string{"fake": {"bob", "carol"}},
		Admins:      map[string][]string{"fake": {"root"}},
		MentorsRoom: &bot.Room{Adapter: "fake", ID: "mentors"}}, m)
}

// say sends text and returns what the bot sent in reply to it.
func (e *ticketEnv) say(room, user, text string) []bot.Reply {
	e.fa.Take()
	e.fa.Say(e.ctx, e.b, room, user, text)
	return e.fa.Take()
}

// mentor runs a command in the mentors' room and returns the bot's reply
// there.
func (e *ticketEnv) mentor(t *testing.T, user, text string) string {
	t.Helper()
	var out []string
	for _, r := range e.say("mentors", user, text) {
		if r.Room.ID == "mentors" {
			out = append(out, r.Text)
		} else {
			e.relays = append(e.relays, r)
		}
	}
	if len(out) != 1 {
		t.Fatalf("%s %q: want one reply in the mentors' room, got %d: %q", user, text, len(out), out)
	}
	return out[0]
}

func (e *ticketEnv) ticket(t testing.TB, id int64) *tickets.Ticket {
	t.Helper()
	tk, err := e.store.Ticket(e.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("%s: want %q in:\n%s", what, w, got)
		}
	}
}

const unknownQ = "vous avez une instance jitsi ?"

// open asks an unknown question as alice, or as another asker when alice
// already has a ticket open (her next words would join it), and returns
// the new ticket number.
func (e *ticketEnv) open(t testing.TB) int64 {
	t.Helper()
	before, _ := e.store.Tickets(e.ctx, tickets.Filter{})
	asker := "alice"
	if mine, _ := e.store.AskerTickets(e.ctx, e.fa.Room("support"), "alice"); len(mine) > 0 {
		asker = fmt.Sprintf("asker%d", len(before))
	}
	e.say("support", asker, unknownQ)
	after, _ := e.store.Tickets(e.ctx, tickets.Filter{})
	if len(after) != len(before)+1 {
		t.Fatalf("no ticket opened")
	}
	return after[len(after)-1].ID
}

func TestUnansweredQuestionOpensATicketAndNotifiesMentors(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	q := "vous avez une instance jitsi ? <b>vite</b> *svp* [ici](http://evil)"
	m := e.fa.Msg("support", "alice", q)
	m.ThreadID = "root-9"
	m.Sender.Name = "Alice"
	e.fa.Take()
	e.b.Message(e.ctx, m)
	sent := e.fa.Take()
	if len(sent) != 2 {
		t.Fatalf("want the acknowledgement and the notice, got:\n%s", bottest.Texts(sent))
	}
	ack, notice := sent[0], sent[1]
	if ack.Room != m.Room || ack.InReplyTo != m.ID || ack.ThreadID != "root-9" || ack.Mention == nil || ack.Mention.ID != "alice" {
		t.Fatalf("the acknowledgement must reply to alice in her thread: %+v", ack)
	}
	mustContain(t, "ack", ack.Text, "ticket n° 1")
	if notice.Room.ID != "mentors" {
		t.Fatalf("notice went to %s", notice.Room.Key())
	}
	mustContain(t, "notice", notice.Text, "n° 1", "Alice (alice)", "fake:support", `\<b\>vite\</b\>`, `\*svp\*`, `\[ici\]`, "!prendre 1")
	if strings.Contains(notice.Text, "<b>") || strings.Contains(notice.Text, "[ici](") {
		t.Fatalf("question not escaped in the notice:\n%s", notice.Text)
	}
	tk := e.ticket(t, 1)
	if tk.State != tickets.Open || tk.Question != q || tk.Asker.ID != "alice" || tk.MsgID != m.ID ||
		tk.ThreadID != "root-9" || tk.Room != m.Room || tk.Lang != "fr" || tk.Origin != tickets.OriginUnanswered {
		t.Fatalf("stored ticket: %+v", tk)
	}
	evs, _ := e.store.TicketEvents(e.ctx, 1)
	if len(evs) != 1 || evs[0].Kind != "open" || evs[0].Actor.ID != "alice" || evs[0].To != tickets.Open {
		t.Fatalf("events: %+v", evs)
	}
}

func TestNoticeListsTheMatchersGuesses(t *testing.T) {
	kb := testKB(t)
	e1, _ := kb.Get("formation-tarifs")
	e2, _ := kb.Get("nuage-mdp")
	e := newTicketEnv(t, stubMatcher{faq.Result{Decision: faq.Abstain, Entry: e1, Score: 0.31,
		Suggestions: []*faq.Entry{e1, e2}, Lang: "en"}}, tickets.Options{})
	sent := e.say("support", "alice", "how much is the formation if my nuage password is lost")
	mustContain(t, "ack in the asker's language", sent[0].Text, "ticket #1")
	mustContain(t, "notice", sent[1].Text, "Combien coûte la formation ? (formation-tarifs) 31 %", "Mot de passe du Nuage perdu (nuage-mdp)")
	if g := e.ticket(t, 1).Guesses; len(g) != 2 || g[0] != "formation-tarifs" || g[1] != "nuage-mdp" {
		t.Fatalf("guesses: %v", g)
	}
}

func TestThanksAloneOpensNoTicket(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	sent := e.say("support", "alice", "merci")
	if len(sent) != 1 || strings.Contains(sent[0].Text, "ticket") {
		t.Fatalf("small talk must not become a ticket: %s", bottest.Texts(sent))
	}
}

func TestFullTicketCycleWithRelayedAnswer(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	q := e.fa.Msg("support", "alice", unknownQ)
	q.ThreadID = "th-1"
	e.b.Message(e.ctx, q)

	mustContain(t, "claim", e.mentor(t, "bob", "!claim 1"), "Ticket n° 1 pris par bob")
	if tk := e.ticket(t, 1); tk.State != tickets.Claimed || tk.Mentor.ID != "bob" {
		t.Fatalf("after claim: %+v", tk)
	}
	e.fa.Take()
	e.fa.Say(e.ctx, e.b, "mentors", "bob", "!answer 1 Oui : https://visio.example, **sans** <script>compte</script>")
	sent := e.fa.Take()
	if len(sent) != 2 {
		t.Fatalf("want the relay and the confirmation:\n%s", bottest.Texts(sent))
	}
	relay := sent[0]
	if relay.Room != q.Room || relay.InReplyTo != q.ID || relay.ThreadID != "th-1" || relay.Mention == nil || relay.Mention.ID != "alice" {
		t.Fatalf("the answer must reply to alice's question in her room and thread: %+v", relay)
	}
	mustContain(t, "relay", relay.Text, `\*\*sans\*\* \<script\>compte\</script\>`, "— bob, bénévole")
	if strings.Contains(relay.Text, "<script>") {
		t.Fatalf("mentor text not escaped: %q", relay.Text)
	}
	mustContain(t, "confirmation", sent[1].Text, "transmise à alice", "!resoudre 1")
	tk := e.ticket(t, 1)
	if tk.State != tickets.Answered || !strings.HasPrefix(tk.Answer, "Oui : https://visio.example") {
		t.Fatalf("after answer: %+v", tk)
	}

	mustContain(t, "resolve", e.mentor(t, "carol", "!resolve 1"), "Ticket n° 1 clos par carol")
	mustContain(t, "reopen", e.mentor(t, "carol", "!reopen 1"), "rouvert par carol")
	if tk := e.ticket(t, 1); tk.State != tickets.Open || tk.Mentor.ID != "" {
		t.Fatalf("after reopen: %+v", tk)
	}
	mustContain(t, "claim after reopen", e.mentor(t, "carol", "!prendre 1"), "pris par carol")
	mustContain(t, "unclaim", e.mentor(t, "carol", "!unclaim 1"), "rendu à l'équipe par carol")
	mustContain(t, "answer an open ticket", e.mentor(t, "carol", "!répondre 1 voir https://visio.example"), "transmise")
	mustContain(t, "resolve", e.mentor(t, "bob", "!résoudre 1"), "clos par bob")

	evs, err := e.store.TicketEvents(e.ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, ev := range evs {
		kinds = append(kinds, ev.Kind+":"+ev.Actor.ID+":"+string(ev.From)+">"+string(ev.To))
	}
	want := "open:alice:>open claim:bob:open>claimed answer:bob:claimed>answered resolve:carol:answered>resolved " +
		"reopen:carol:resolved>open claim:carol:open>claimed unclaim:carol:claimed>open answer:carol:open>answered " +
		"resolve:bob:answered>resolved"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("history:\n got %s\nwant %s", got, want)
	}
}

func TestNonMentorsAreRefusedEveryCommand(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	for _, cmd := range []string{"!claim 1", "!prendre 1", "!unclaim 1", "!answer 1 hop", "!resolve 1", "!reopen 1",
		"!tickets", "!ticket 1", "!faq 1"} {
		for _, room := range []string{"mentors", "support"} {
			sent := e.say(room, "mallory", cmd)
			// Outside the mentors' room an English alias gets an English refusal.
			if len(sent) != 1 || !strings.Contains(sent[0].Text, "réservée aux bénévoles mentors") && !strings.Contains(sent[0].Text, "for mentors only") {
				t.Fatalf("%s by a non-mentor in %s: %s", cmd, room, bottest.Texts(sent))
			}
		}
	}
	tk := e.ticket(t, 1)
	evs, _ := e.store.TicketEvents(e.ctx, 1)
	if tk.State != tickets.Open || len(evs) != 1 {
		t.Fatalf("a refused command changed the ticket: %+v %v", tk, evs)
	}
}

func TestBadTicketNumbersAndMissingArguments(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	cases := []struct{ cmd, want string }{
		{"!claim", "Utilisation : !claim N"},
		{"!claim abc", "« abc » n'est pas un numéro de ticket"},
		{"!claim 0", "« 0 » n'est pas un numéro"},
		{"!claim -1", "« -1 » n'est pas un numéro"},
		{"!claim 1.5", "« 1.5 » n'est pas un numéro"},
		{"!claim 99999999999999999999", "n'est pas un numéro"},
		{"!claim 999", "Il n'y a pas de ticket n° 999."},
		{"!claim 1 2", "Argument en trop : 2"},
		{"!answer", "Utilisation : !answer N texte"},
		{"!answer 1", "Il manque le texte de la réponse."},
		{"!answer 1   ", "Il manque le texte"},
		{"!answer x hello", "« x » n'est pas un numéro"},
		{"!answer 999 hello", "pas de ticket n° 999"},
		{"!unclaim", "Utilisation : !unclaim N"},
		{"!resolve zz", "« zz » n'est pas"},
		{"!reopen 999", "pas de ticket n° 999"},
		{"!ticket", "Utilisation : !ticket N"},
		{"!ticket 999", "pas de ticket n° 999"},
		{"!faq", "Utilisation : !faq N"},
		{"!faq 999", "pas de ticket n° 999"},
		{"!tickets 3", "Argument en trop"},
	}
	for _, c := range cases {
		mustContain(t, c.cmd, e.mentor(t, "bob", c.cmd), c.want)
	}
	if tk := e.ticket(t, 1); tk.State != tickets.Open {
		t.Fatalf("bad commands changed the ticket: %+v", tk)
	}
	mustContain(t, "#N accepted", e.mentor(t, "bob", "!claim #1"), "pris par bob")
}

func TestDoubleClaimsAndOwnership(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	e.mentor(t, "bob", "!claim 1")
	mustContain(t, "second claim", e.mentor(t, "carol", "!claim 1"), "Le ticket n° 1 est déjà pris par bob.")
	mustContain(t, "own claim", e.mentor(t, "bob", "!claim 1"), "Vous avez déjà le ticket n° 1.")
	mustContain(t, "answer someone else's", e.mentor(t, "carol", "!answer 1 hop"), "déjà pris par bob")
	if len(e.relays) != 0 {
		t.Fatalf("a refused answer was relayed: %s", bottest.Texts(e.relays))
	}
	mustContain(t, "unclaim someone else's", e.mentor(t, "carol", "!unclaim 1"), "déjà pris par bob")
	mustContain(t, "admin may unclaim", e.mentor(t, "root", "!unclaim 1"), "rendu à l'équipe par root")
	e.mentor(t, "carol", "!claim 1")
	mustContain(t, "claimed by carol now", e.mentor(t, "bob", "!claim 1"), "déjà pris par carol")
	e.mentor(t, "carol", "!answer 1 voilà")
	mustContain(t, "answer again, someone else", e.mentor(t, "bob", "!answer 1 autre"), "réponse de carol")
	mustContain(t, "holder answers again", e.mentor(t, "carol", "!answer 1 précision"), "transmise")
	// an answered ticket may be taken over to follow it up
	mustContain(t, "claim an answered ticket", e.mentor(t, "bob", "!claim 1"), "pris par bob")
	mustContain(t, "answer after the takeover", e.mentor(t, "carol", "!answer 1 encore"), "déjà pris par bob")
	if tk := e.ticket(t, 1); tk.Answer != "précision" || tk.Mentor.ID != "bob" {
		t.Fatalf("second answer: %+v", tk)
	}
}

func TestWrongStatesAreRefused(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	mustContain(t, "unclaim open", e.mentor(t, "bob", "!unclaim 1"), "n'est pris par personne")
	mustContain(t, "reopen open", e.mentor(t, "bob", "!reopen 1"), "n'est pas clos : rien à rouvrir")
	e.mentor(t, "bob", "!claim 1")
	mustContain(t, "reopen claimed", e.mentor(t, "bob", "!reopen 1"), "n'est pas clos")
	mustContain(t, "resolve claimed", e.mentor(t, "bob", "!resolve 1"), "clos par bob")
	mustContain(t, "resolve twice", e.mentor(t, "bob", "!resolve 1"), "est déjà clos")
	mustContain(t, "claim resolved", e.mentor(t, "bob", "!claim 1"), "est clos. Rouvrez-le d'abord")
	mustContain(t, "unclaim resolved", e.mentor(t, "bob", "!unclaim 1"), "est clos")
	mustContain(t, "answer resolved", e.mentor(t, "bob", "!answer 1 trop tard"), "est clos")
	if len(e.relays) != 1 || !strings.Contains(e.relays[0].Text, "ont clos votre demande") {
		t.Fatalf("an answer to a closed ticket was relayed: %s", bottest.Texts(e.relays))
	}
	evs, _ := e.store.TicketEvents(e.ctx, 1)
	if len(evs) != 3 {
		t.Fatalf("refusals must not write events: %+v", evs)
	}
}

func TestEnglishMentorsRoomAndAliases(t *testing.T) {
	b := bot.New(bot.Options{Mentors: map[string][]string{"fake": {"bob"}}, RoomLang: map[string]string{"fake:mentors": "en"},
		MentorsRoom: &bot.Room{Adapter: "fake", ID: "mentors"}})
	kb := testKB(t)
	b.SetFAQ(faq.NewSimpleMatcher(kb), kb)
	fa := bottest.New("fake")
	b.AddAdapter(fa)
	db := openTestDB(t, filepath.Join(t.TempDir(), "t.db"))
	if _, err := tickets.Enable(b, sqlite.NewTicketStore(db), tickets.Options{}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	fa.Say(ctx, b, "support", "alice", unknownQ)
	mustContain(t, "English notice", fa.Last().Text, "Ticket #1", "To take it: !claim 1")
	fa.Say(ctx, b, "mentors", "bob", "!claim 1")
	mustContain(t, "English claim", fa.Last().Text, "Ticket #1 claimed by bob.")
	fa.Say(ctx, b, "mentors", "bob", "!help")
	mustContain(t, "English help", fa.Last().Text, "!claim N — take ticket N", "!answer N text —", "!tickets")
}

func TestAnswerAcrossAdapters(t *testing.T) {
	b, xmpp, matrix, store := newTwoNetworkBot(t, bot.Options{Mentors: map[string][]string{"matrix": {"@bob:example.org"}},
		MentorsRoom: &bot.Room{Adapter: "matrix", ID: "!mentors:example.org"}})
	ctx := context.Background()
	q := xmpp.Say(ctx, b, "support@conference.example.org", "alice@example.org", unknownQ)
	notices := matrix.In("!mentors:example.org")
	if len(notices) != 1 {
		t.Fatalf("the notice must reach the Matrix mentors' room: %s", bottest.Texts(matrix.Sent()))
	}
	mustContain(t, "notice", notices[0].Text, "xmpp:support@conference.example.org", "alice@example.org")
	m := matrix.Msg("!mentors:example.org", "@bob:example.org", "!answer 1 Pas encore, bientôt.")
	m.Sender.Name = "Bob"
	b.Message(ctx, m)
	relay := xmpp.Last()
	if relay.Room != q.Room || relay.InReplyTo != q.ID || relay.Mention == nil || relay.Mention.ID != "alice@example.org" {
		t.Fatalf("the answer must go back to XMPP as a reply to the question: %+v", relay)
	}
	mustContain(t, "relay", relay.Text, "Pas encore, bientôt.", "— Bob, bénévole")
	mustContain(t, "confirmation on Matrix", matrix.Last().Text, "transmise à alice@example.org")
	if tk, _ := store.Ticket(ctx, 1); tk.State != tickets.Answered || tk.Mentor.Adapter != "matrix" || tk.Mentor.Name != "Bob" {
		t.Fatalf("ticket: %+v", tk)
	}
	// An XMPP user with the same id as the Matrix mentor is not a mentor.
	xmpp.Say(ctx, b, "support@conference.example.org", "@bob:example.org", "!resolve 1")
	mustContain(t, "mentors are per adapter", xmpp.Last().Text, "for mentors only")
}

func TestRelayFailureLeavesTicketUnchanged(t *testing.T) {
	b, xmpp, matrix, store := newTwoNetworkBot(t, bot.Options{Mentors: map[string][]string{"matrix": {"bob"}}, MentorsRoom: &bot.Room{Adapter: "matrix", ID: "m"}})
	ctx := context.Background()
	xmpp.Say(ctx, b, "support", "alice", unknownQ)
	xmpp.FailSends(context.DeadlineExceeded)
	matrix.Say(ctx, b, "m", "bob", "!answer 1 voilà")
	mustContain(t, "failure reported", matrix.Last().Text, "n'a pas pu être envoyée")
	if tk, _ := store.Ticket(ctx, 1); tk.State != tickets.Open || tk.Answer != "" {
		t.Fatalf("a failed relay must not mark the ticket answered: %+v", tk)
	}
}

func TestListAndShow(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	mustContain(t, "empty list", e.mentor(t, "bob", "!tickets"), "Aucun ticket en attente")
	e.open(t)
	e.clock.Advance(90 * time.Minute)
	e.say("support", "dave", "et pour peertube ça se passe comment")
	e.clock.Advance(5 * time.Minute)
	e.say("support", "erin", "une question sur zorglub")
	e.mentor(t, "bob", "!claim 2")
	e.mentor(t, "bob", "!resolve 3")
	list := e.mentor(t, "carol", "!tickets")
	mustContain(t, "list", list, "(2)", "#1 · ouvert · 1 h · alice", "#2 · pris · 5 min · dave", "— bob")
	if strings.Contains(list, "#3") || strings.Index(list, "#1") > strings.Index(list, "#2") {
		t.Fatalf("list must hold open and claimed tickets, oldest first:\n%s", list)
	}
	show := e.mentor(t, "carol", "!ticket 2")
	mustContain(t, "show", show, "Ticket n° 2 (pris) — dave dans fake:support", "> et pour peertube", "Mentor : bob",
		"Historique :", "ouvert (dave)", "pris (bob)")
}

func TestConcurrentClaimsOnlyOneWins(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	mentors := []string{"bob", "carol", "root"}
	var wg sync.WaitGroup
	for _, m := range mentors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.fa.Say(e.ctx, e.b, "mentors", m, "!claim 1")
		}()
	}
	wg.Wait()
	won := 0
	for _, r := range e.fa.In("mentors") {
		if strings.Contains(r.Text, "pris par") && !strings.Contains(r.Text, "déjà") {
			won++
		}
	}
	evs, _ := e.store.TicketEvents(e.ctx, 1)
	if won != 1 || len(evs) != 2 {
		t.Fatalf("exactly one claim must win: %d wins, %d events\n%s", won, len(evs), bottest.Texts(e.fa.In("mentors")))
	}
}

func TestTicketsSurviveARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	ctx := context.Background()
	db := openTestDB(t, path)
	b, fa := newTicketBot(t, nil)
	tickets.Enable(b, sqlite.NewTicketStore(db), tickets.Options{})
	fa.Say(ctx, b, "support", "alice", unknownQ)
	fa.Say(ctx, b, "mentors", "bob", "!claim 1")
	db.Close()

	db2 := openTestDB(t, path)
	b2, fa2 := newTicketBot(t, nil)
	tickets.Enable(b2, sqlite.NewTicketStore(db2), tickets.Options{})
	fa2.Say(ctx, b2, "mentors", "carol", "!claim 1")
	mustContain(t, "state kept", fa2.Last().Text, "déjà pris par bob")
	fa2.Say(ctx, b2, "support", "zoe", "encore une question sur zorglub")
	mustContain(t, "numbers continue", fa2.In("support")[0].Text, "ticket n° 2")
}

func TestLongListsAreCut(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	for i := 0; i < 27; i++ {
		e.open(t)
	}
	list := e.mentor(t, "bob", "!tickets")
	mustContain(t, "cut list", list, "(27)", "#25 ·", "… et 2 de plus")
	if strings.Contains(list, "#26 ·") {
		t.Fatalf("list not cut:\n%s", list)
	}
}

// A message handled again (an adapter resuming after a crash, between the
// ticket's commit and the reply) gets the ticket it opened: the asker is
// told its number, the mentors are not notified twice.
func TestSameMessageAgainOpensNoSecondTicket(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	m := e.fa.Msg("support", "alice", unknownQ)
	e.b.Message(e.ctx, m)
	e.fa.Take()
	e.b.Message(e.ctx, m)
	if ts, _ := e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("want one ticket for one message, got %d", len(ts))
	}
	told := e.fa.In("support")
	if len(told) != 1 || !strings.Contains(told[0].Text, "n° 1") {
		t.Fatalf("the asker must be told ticket 1 again, got:\n%s", bottest.Texts(told))
	}
	if n := len(e.fa.In("mentors")); n != 0 {
		t.Fatalf("the mentors were notified again (%d notices)", n)
	}
	// another message with the same words joins the open ticket's
	// conversation; once it is resolved, it is another question
	e.say("support", "alice", unknownQ)
	if ts, _ := e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("a new message while ticket 1 is open must join it, got %d tickets", len(ts))
	}
	e.mentor(t, "bob", "!resolve 1")
	e.clock.Advance(time.Hour) // past the time when writing again reopens it
	e.say("support", "alice", unknownQ)
	if ts, _ := e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 2 {
		t.Fatalf("a new message must open a new ticket, got %d tickets", len(ts))
	}
}
