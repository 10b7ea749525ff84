package tickets_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

func TestFeedbackVerdict(t *testing.T) {
	cases := map[string]int{
		"merci":                        1,
		"Merci beaucoup !":             1,
		"ça marche":                    1,
		"Ça marche, merci":             1,
		"super":                        1,
		"Super, c'est réglé":           1,
		"parfait":                      1,
		"thanks!":                      1,
		"it works":                     1,
		"👍":                            1,
		"ça ne marche pas":             -1,
		"ca marche pas":                -1,
		"Ça ne fonctionne pas.":        -1,
		"non":                          -1,
		"Non, toujours bloqué":         -1,
		"pas du tout":                  -1,
		"no":                           -1,
		"it doesn't work":              -1,
		"👎":                            -1,
		"nonobstant":                   0,
		"superbe instance":             0,
		"combien coûte la formation ?": 0,
		"":                             0,
		"merci de me dire comment on fait pour changer mon mot de passe": 0,
		"et pour mastodon ?": 0,
	}
	for in, want := range cases {
		if got := tickets.FeedbackVerdict(in); got != want {
			t.Errorf("FeedbackVerdict(%q) = %d, want %d", in, got, want)
		}
	}
}

const knownQ = "combien coûte la formation ?"

func TestThanksAfterAnAnswerIsHelpfulFeedback(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	sent := e.say("support", "alice", knownQ)
	mustContain(t, "answer", sent[0].Text, "30 €")
	sent = e.say("support", "alice", "super, merci !")
	if len(sent) != 1 {
		t.Fatalf("want one reply: %s", bottest.Texts(sent))
	}
	mustContain(t, "thanks", sent[0].Text, "Merci pour votre retour")
	stats, err := e.store.FeedbackStats(e.ctx)
	if err != nil || len(stats) != 1 || stats[0] != (tickets.FeedbackStat{EntryID: "formation-tarifs", Helpful: 1}) {
		t.Fatalf("stats: %+v %v", stats, err)
	}
	// Only the first reply after an answer is feedback: a second "merci" is
	// ordinary small talk again.
	sent = e.say("support", "alice", "merci")
	if strings.Contains(sent[0].Text, "retour") {
		t.Fatalf("feedback counted twice: %q", sent[0].Text)
	}
	if stats, _ := e.store.FeedbackStats(e.ctx); stats[0].Helpful != 1 {
		t.Fatalf("stats: %+v", stats)
	}
}

func TestNegativeFeedbackOpensATicketWithTheEntry(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	q := e.fa.Say(e.ctx, e.b, "support", "alice", knownQ)
	sent := e.say("support", "alice", "ça ne marche pas")
	if len(sent) != 2 {
		t.Fatalf("want the asker's reply and the notice: %s", bottest.Texts(sent))
	}
	mustContain(t, "asker", sent[0].Text, "ne vous aide pas", "ticket n° 1")
	if sent[0].Room.ID != "support" || sent[0].Mention == nil || sent[0].Mention.ID != "alice" {
		t.Fatalf("the asker must be told in the room: %+v", sent[0])
	}
	mustContain(t, "notice", sent[1].Text, "n'a pas aidé alice", "Réponse donnée : Combien coûte la formation ? (formation-tarifs)", "> combien coûte la formation ?")
	tk := e.ticket(t, 1)
	if tk.Origin != tickets.OriginFeedback || tk.EntryID != "formation-tarifs" || tk.MsgID != q.ID || !strings.HasPrefix(tk.Question, knownQ) {
		t.Fatalf("ticket: %+v", tk)
	}
	if stats, _ := e.store.FeedbackStats(e.ctx); stats[0].NotHelpful != 1 {
		t.Fatalf("stats: %+v", stats)
	}
	// The mentor's answer goes to the original question.
	e.mentor(t, "bob", "!answer 1 Le tarif réduit est de 20 €.")
	if r := e.relays[0]; r.InReplyTo != q.ID || r.Room.ID != "support" {
		t.Fatalf("relay: %+v", r)
	}
}

func TestFeedbackOnlyRightAfterAnAnswerToTheSamePerson(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{FeedbackWindow: 10 * time.Minute})
	e.say("support", "alice", knownQ)
	// Someone else saying "non" in the same room is not alice's feedback.
	sent := bottest.Texts(e.say("support", "bob2", "non"))
	if strings.Contains(sent, "retour") || strings.Contains(sent, "ne vous aide pas") {
		t.Fatalf("another user's words counted as feedback: %q", sent)
	}
	// alice in another room neither.
	sent = bottest.Texts(e.say("other", "alice", "merci"))
	if strings.Contains(sent, "retour") {
		t.Fatalf("feedback in another room: %q", sent)
	}
	// Too late.
	e.clock.Advance(11 * time.Minute)
	sent = bottest.Texts(e.say("support", "alice", "merci"))
	if strings.Contains(sent, "retour") {
		t.Fatalf("feedback after the window: %q", sent)
	}
	if stats, _ := e.store.FeedbackStats(e.ctx); len(stats) != 0 {
		t.Fatalf("nothing should be counted: %+v", stats)
	}
	// A command right after an answer is a command.
	e.say("support", "alice", knownQ)
	cmd := e.say("support", "alice", "!aide")
	mustContain(t, "command", cmd[0].Text, "Commandes disponibles")
}

func TestReactionsOnAnswersAreFeedback(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.fa.Take()
	e.fa.Say(e.ctx, e.b, "support", "alice", knownQ)
	ids := e.fa.SentIDs()
	answerID := ids[len(ids)-1]
	room := e.fa.Room("support")
	react := func(user, key, target string) {
		e.b.Reaction(e.ctx, bot.Reaction{ID: "r-" + user + key, Room: room, Sender: bot.User{ID: user}, TargetID: target, Key: key})
	}
	react("dave", "👍", answerID)
	react("erin", "👍️", answerID)
	react("dave", "🎉", answerID)             // not a vote
	react("dave", "👍", "some-other-message") // not a FAQ answer
	stats, _ := e.store.FeedbackStats(e.ctx)
	if len(stats) != 1 || stats[0].Helpful != 2 || stats[0].NotHelpful != 0 {
		t.Fatalf("two thumbs up: %+v", stats)
	}
	ts, _ := e.store.Tickets(e.ctx, tickets.Filter{})
	if len(ts) != 0 {
		t.Fatal("no ticket for thumbs up")
	}
	// dave changes his mind: his vote is replaced, no ticket (he did not ask).
	react("dave", "👎", answerID)
	stats, _ = e.store.FeedbackStats(e.ctx)
	if stats[0].Helpful != 1 || stats[0].NotHelpful != 1 {
		t.Fatalf("vote must be replaced: %+v", stats)
	}
	if ts, _ = e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 0 {
		t.Fatal("a bystander's 👎 must not open a ticket for the asker")
	}
	e.fa.Take()
	react("alice", "👎", answerID)
	sent := e.fa.Take()
	if len(sent) != 2 {
		t.Fatalf("the asker's 👎 must open a ticket: %s", bottest.Texts(sent))
	}
	mustContain(t, "asker told", sent[0].Text, "ticket n° 1")
	if tk := e.ticket(t, 1); tk.EntryID != "formation-tarifs" || tk.Question != knownQ {
		t.Fatalf("ticket: %+v", tk)
	}
	// A second 👎 does not open a second ticket, nor says anything.
	react("alice", "👎", answerID)
	if sent := e.fa.Take(); len(sent) != 0 {
		t.Fatalf("a repeated reaction must stay quiet: %s", bottest.Texts(sent))
	}
	if ts, _ = e.store.Tickets(e.ctx, tickets.Filter{}); len(ts) != 1 {
		t.Fatalf("want one ticket, got %d", len(ts))
	}
}

func TestFeedbackContextSurvivesARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	ctx := context.Background()
	clock := newTicketClock()
	db := openTestDB(t, path)
	b, fa := newTicketBot(t, nil)
	tickets.Enable(b, sqlite.NewTicketStore(db), tickets.Options{Clock: clock})
	fa.Say(ctx, b, "support", "alice", knownQ)
	ids := fa.SentIDs()
	answerID := ids[len(ids)-1]
	db.Close()

	clock.Advance(2 * time.Minute)
	db2 := openTestDB(t, path)
	b2, fa2 := newTicketBot(t, nil)
	store := sqlite.NewTicketStore(db2)
	tickets.Enable(b2, store, tickets.Options{Clock: clock})
	fa2.Say(ctx, b2, "support", "alice", "non")
	mustContain(t, "feedback after restart", fa2.In("support")[0].Text, "ne vous aide pas", "ticket n° 1")
	b2.Reaction(ctx, bot.Reaction{Room: fa2.Room("support"), Sender: bot.User{ID: "dave"}, TargetID: answerID, Key: "👍"})
	stats, _ := store.FeedbackStats(ctx)
	if len(stats) != 1 || stats[0].Helpful != 1 || stats[0].NotHelpful != 1 {
		t.Fatalf("reaction after restart: %+v", stats)
	}
}

func TestFeedbackWordsAfterTheConversationMovedOn(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	e.say("support", "alice", knownQ)
	e.say("support", "alice", unknownQ) // ticket #1
	sent := e.say("support", "alice", "non")
	for _, r := range sent {
		if strings.Contains(r.Text, "ticket") {
			t.Fatalf("\"non\" after another question is not feedback on the old answer, nor a ticket: %s", bottest.Texts(sent))
		}
	}
	if stats, _ := e.store.FeedbackStats(e.ctx); len(stats) != 0 {
		t.Fatalf("nothing should be counted: %+v", stats)
	}
	if all, _ := e.store.Tickets(e.ctx, tickets.Filter{}); len(all) != 1 {
		t.Fatalf("want only ticket #1, got %d", len(all))
	}
	// A new answer makes feedback possible again.
	e.say("support", "alice", knownQ)
	mustContain(t, "feedback on the new answer", e.say("support", "alice", "merci")[0].Text, "Merci pour votre retour")
}

func TestLongQuestionsAreClippedInTheNotice(t *testing.T) {
	e := newTicketEnv(t, nil, tickets.Options{})
	long := "jitsi " + strings.Repeat("blorf ", 600) + "?"
	sent := e.say("support", "alice", long)
	if n := len(sent[1].Text); n > 2500 {
		t.Fatalf("notice of %d bytes", n)
	}
	mustContain(t, "clipped", sent[1].Text, " …\n")
	if e.ticket(t, 1).Question != strings.TrimSpace(long) {
		t.Fatal("the ticket must keep the whole question")
	}
}
