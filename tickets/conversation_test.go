package tickets_test

import (
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// inThread sends text from user in the mentors' room, in the thread of
// ticket id's notice, and returns what the bot sent.
func (e *ticketEnv) inThread(t *testing.T, id int64, user, text string) []bot.Reply {
	t.Helper()
	notice := e.ticket(t, id).NoticeID
	if notice == "" {
		t.Fatalf("ticket %d has no notice id", id)
	}
	e.fa.Take()
	m := e.fa.Msg("mentors", user, text)
	m.ThreadID = notice
	e.b.Message(e.ctx, m)
	return e.fa.Take()
}

func (e *ticketEnv) conversation(t *testing.T, id int64) []string {
	t.Helper()
	evs, err := e.store.TicketEvents(e.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range tickets.Conversation(e.ticket(t, id), evs) {
		out = append(out, s.Who.ID+": "+s.Text)
	}
	return out
}

func TestMentorsAnswerInTheNoticeThread(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	notice := e.ticket(t, 1).NoticeID

	sent := e.inThread(t, 1, "bob", "Avez-vous essayé de la redémarrer ?")
	if len(sent) != 1 || sent[0].Room.ID != "support" || sent[0].Mention == nil || sent[0].Mention.ID != "alice" ||
		!strings.Contains(sent[0].Text, "Avez-vous essayé de la redémarrer ?") {
		t.Fatalf("a mentor's reply in the thread must reach alice, and only her:\n%s", bottest.Texts(sent))
	}
	if tk := e.ticket(t, 1); tk.State != tickets.Answered || tk.Mentor.ID != "bob" {
		t.Fatalf("the reply claims and answers: %+v", tk)
	}
	if sent := e.inThread(t, 1, "bob", "// je regarde le modèle exact"); len(sent) != 0 {
		t.Fatalf("a // message stays among mentors:\n%s", bottest.Texts(sent))
	}
	if sent := e.inThread(t, 1, "dave", "moi aussi j'ai ce souci"); len(sent) != 0 {
		t.Fatalf("someone who is not a mentor is not relayed:\n%s", bottest.Texts(sent))
	}
	sent = e.inThread(t, 1, "carol", "Essayez autre chose.")
	if len(sent) != 1 || sent[0].Room.ID != "mentors" || sent[0].ThreadID != notice || !strings.Contains(sent[0].Text, "bob") {
		t.Fatalf("another mentor's reply is refused, in the thread, naming the holder:\n%s", bottest.Texts(sent))
	}

	sent = e.say("support", "alice", "oui, toujours pareil")
	if len(sent) != 1 || sent[0].Room.ID != "mentors" || sent[0].ThreadID != notice ||
		!strings.Contains(sent[0].Text, "Ticket n° 1") || !strings.Contains(sent[0].Text, "oui, toujours pareil") {
		t.Fatalf("alice's follow-up goes to the notice's thread, with the ticket number:\n%s", bottest.Texts(sent))
	}
	if tk := e.ticket(t, 1); tk.State != tickets.Claimed || tk.Mentor.ID != "bob" {
		t.Fatalf("the asker wrote back: the ticket waits for bob again: %+v", tk)
	}
	e.inThread(t, 1, "bob", "Alors passez mercredi.")
	want := []string{"alice: " + unknownQ, "bob: Avez-vous essayé de la redémarrer ?", "alice: oui, toujours pareil",
		"bob: Alors passez mercredi."}
	if got := e.conversation(t, 1); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("conversation:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	show := e.mentor(t, "carol", "!ticket 1")
	mustContain(t, "!ticket shows every message", show, "Avez-vous essayé", "oui, toujours pareil", "Alors passez mercredi.")
}

// A follow-up is never answered from the FAQ while its ticket is open, even
// when it holds the words of an entry; only a clearly new question is.
func TestFollowUpsAreNeverAnsweredFromTheFAQ(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	for _, f := range []string{
		"et mon mot de passe du nuage ?",           // goes on ("et")
		"mot de passe du nuage perdu avec jitsi ?", // shares "jitsi" with the ticket
		"mot de passe du nuage perdu",              // not a question
	} {
		sent := e.say("support", "alice", f)
		if len(sent) != 1 || sent[0].Room.ID != "mentors" || !strings.Contains(sent[0].Text, "Ticket n° 1") {
			t.Fatalf("%q must be relayed to the mentors and nothing else:\n%s", f, bottest.Texts(sent))
		}
	}
	sent := e.say("support", "alice", knownQ)
	if len(sent) != 1 || sent[0].Room.ID != "support" || !strings.Contains(sent[0].Text, "30 €") {
		t.Fatalf("a clearly new question gets its FAQ answer:\n%s", bottest.Texts(sent))
	}
	if got := len(e.conversation(t, 1)); got != 4 {
		t.Fatalf("want the question and three follow-ups in the ticket, got %d", got)
	}
}

func TestTheAskerClosesTheirTicket(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.open(t)
	if sent := e.say("support", "alice", "merci !"); len(sent) != 1 || sent[0].Room.ID != "mentors" ||
		e.ticket(t, 1).State != tickets.Open {
		t.Fatalf("thanks before any answer is relayed and leaves the ticket open:\n%s", bottest.Texts(sent))
	}
	e.mentor(t, "bob", "!answer 1 Oui, sur visio.example.")
	if sent := e.say("support", "alice", "merci mais toujours pas de son"); e.ticket(t, 1).State == tickets.Resolved ||
		len(sent) != 1 || sent[0].Room.ID != "mentors" {
		t.Fatalf("thanks with a new problem is relayed, not a closing:\n%s", bottest.Texts(sent))
	}
	e.mentor(t, "bob", "!answer 1 Autorisez le micro.")
	sent := e.say("support", "alice", "merci, c'est bon")
	if tk := e.ticket(t, 1); tk.State != tickets.Resolved {
		t.Fatalf("want resolved, got %s", tk.State)
	}
	mustContain(t, "asker told", bottest.Texts(sent), "[support]", "clos le ticket n° 1", "[mentors] ✅ Ticket n° 1 clos par alice")
	if got := e.conversation(t, 1); len(got) != 6 || got[1] != "alice: merci !" || got[5] != "alice: merci, c'est bon" {
		t.Fatalf("conversation: %q", got)
	}

	// "ça marche !" and "c'est réglé" close a ticket nobody answered yet
	e.say("support", "yann", "vous avez un serveur minecraft ?")
	e.say("support", "yann", "ça marche !")
	if tk := e.ticket(t, 2); tk.State != tickets.Resolved {
		t.Fatalf("want ticket 2 resolved, got %s", tk.State)
	}
	e.say("support", "zoe", "vous avez un serveur minecraft ?")
	e.say("support", "zoe", "ah c'est réglé, j'ai trouvé")
	if tk := e.ticket(t, 3); tk.State != tickets.Resolved {
		t.Fatalf("want ticket 3 resolved, got %s", tk.State)
	}
}

func TestAskingForAPerson(t *testing.T) {
	asks := []struct{ text, lang string }{
		{"je voudrais parler à un humain svp", "fr"},
		{"Est-ce que je peux parler à une personne ?", "fr"},
		{"je veux parler à un·e bénévole", "fr"},
		{"un humain svp", "fr"},
		{"j'ai besoin de parler à quelqu'un", "fr"},
		{"can I talk to a human?", "en"},
		{"I want to speak to a real person", "en"},
		{"talk to someone please", "en"},
		{"human please", "en"},
	}
	for _, a := range asks {
		e := newTicketEnv(t, nil, tickets.Options{})
		sent := e.say("support", "alice", a.text)
		tk, err := e.store.Ticket(e.ctx, 1)
		if err != nil || tk.Origin != tickets.OriginHuman || tk.Lang != a.lang {
			t.Errorf("%q: want a %s ticket for a person, got %+v (%v)\n%s", a.text, a.lang, tk, err, bottest.Texts(sent))
		}
	}
	for _, text := range []string{"personne ne répond au téléphone de l'asso ?", "j'ai parlé à un bénévole hier, il m'a dit de revenir",
		"humain, trop humain : c'est quel livre ?"} {
		e := newTicketEnv(t, nil, tickets.Options{})
		e.say("support", "alice", text)
		if tk, err := e.store.Ticket(e.ctx, 1); err == nil && tk.Origin == tickets.OriginHuman {
			t.Errorf("%q is not a request for a person", text)
		}
	}

	e := newTicketEnv(t, nil, tickets.Options{})
	e.say("support", "alice", knownQ)
	sent := e.say("support", "alice", "!humain")
	mustContain(t, "!humain", bottest.Texts(sent), "ticket n° 1", "demande à parler à quelqu'un", "Avant :", "« "+knownQ+" »")
	if tk := e.ticket(t, 1); tk.Question != knownQ || len(tk.Context) != 1 {
		t.Fatalf("the ticket is about the question asked before: %+v", tk)
	}
	sent = e.say("support", "alice", "!human")
	mustContain(t, "asked twice", bottest.Texts(sent), "ticket #1")
	if ts, _ := e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("asking twice opened %d tickets", len(ts))
	}
}

func TestRetentionPurgesTheWholeConversation(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{Retention: 24 * time.Hour})
	e.say("support", "alice", knownQ)
	e.say("support", "alice", "!humain")
	e.inThread(t, 1, "bob", "Je vous appelle.")
	e.say("support", "alice", "mon numéro est le 06 12 34 56 78")
	e.mentor(t, "bob", "!resolve 1")
	e.clock.Advance(25 * time.Hour)
	if err := e.tk.RunJobs(e.ctx); err != nil {
		t.Fatal(err)
	}
	tk := e.ticket(t, 1)
	if !tk.Purged || tk.Question != "" || len(tk.Context) != 0 {
		t.Fatalf("ticket not purged: %+v", tk)
	}
	if got := e.conversation(t, 1); len(got) != 0 {
		t.Fatalf("the conversation survived the purge: %q", got)
	}
}

// In a room with several people the mentors see only what the asker said
// to the bot: their talk with others stays out of the ticket's context and
// conversation.
func TestSharedRoomTalkStaysOutOfTheTicket(t *testing.T) {
	b, fa := bottest.NewBot(t, bot.Options{Name: "entraide", QuestionsOnly: true,
		Mentors:     map[string][]string{"fake": {"bob"}},
		MentorsRoom: &bot.Room{Adapter: "fake", ID: "mentors"}}, nil)
	e := &ticketEnv{b: b, fa: fa, ctx: t.Context(), clock: newTicketClock()}
	e.db = openTestDB(t, t.TempDir()+"/t.db")
	e.store = sqlite.NewTicketStore(e.db)
	var err error
	if e.tk, err = tickets.Enable(b, e.store, tickets.Options{Clock: e.clock}); err != nil {
		t.Fatal(err)
	}
	e.say("support", "alice", "on se retrouve à la pause de midi")  // to the others
	e.say("support", "alice", "@carol tu as vu mon message d'hier") // to carol
	e.say("support", "alice", knownQ)                               // to the bot
	e.say("support", "alice", "!humain")
	tk := e.ticket(t, 1)
	if len(tk.Context) != 1 || tk.Context[0].Said != knownQ {
		t.Fatalf("the context must hold only what alice said to the bot: %+v", tk.Context)
	}
	if sent := e.say("support", "alice", "@carol je te rappelle ce soir"); len(sent) != 0 {
		t.Fatalf("alice's words to carol were relayed:\n%s", bottest.Texts(sent))
	}
	if got := e.conversation(t, 1); len(got) != 1 {
		t.Fatalf("the conversation holds more than the question: %q", got)
	}
}
