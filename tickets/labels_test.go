package tickets_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/tickets"
)

// byText answers each question with its own verdict, and abstains on the
// others.
type byText map[string]faq.Result

func (m byText) Match(text, _ string) faq.Result { return m[text] }

func (e *ticketEnv) labels(t *testing.T, published func(string) bool) []tickets.Label {
	t.Helper()
	answers, asked, err := e.store.LabelHistory(e.ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return tickets.Labels(answers, asked, published)
}

func labelString(ls []tickets.Label) string {
	var out []string
	for _, l := range ls {
		exp := l.Expect
		if exp == "" {
			exp = "null"
		}
		out = append(out, l.ID+" "+l.Lang+" "+exp+" "+l.Text)
	}
	return strings.Join(out, "\n")
}

// A number picking an entry from "did you mean" or from the runners-up of
// a close call records the question the list was offered for, not "2" nor
// the entry's title, and counts as a label for that entry unless the asker
// then says it did not help.
func TestPicksRecordTheQuestionAskedAndLabelIt(t *testing.T) {
	kb := testKB(t)
	e1, _ := kb.Get("formation-tarifs")
	e2, _ := kb.Get("nuage-mdp")
	const unsure, close = "mdp perdu ?", "tarif ou mot de passe ?"
	e := newTicketEnv(t, byText{
		unsure: {Decision: faq.Suggest, Entry: e1, Suggestions: []*faq.Entry{e1, e2}, Lang: "fr"},
		close:  {Decision: faq.Answer, Entry: e1, SeeAlso: []*faq.Entry{e2}, Lang: "fr"},
	}, tickets.Options{})

	e.say("support", "alice", unsure)
	mustContain(t, "pick", e.say("support", "alice", "2")[0].Text, e2.Body)
	rec, err := e.store.LastAnswer(e.ctx, bot.Room{Adapter: "fake", ID: "support"}, "alice", time.Time{})
	if err != nil || rec == nil {
		t.Fatalf("no answer recorded: %v", err)
	}
	if rec.Question != unsure || rec.EntryID != e2.ID || !rec.Picked || rec.Lang != "fr" {
		t.Fatalf("the pick must record the question asked: %+v", rec)
	}

	e.say("support", "dan", close)
	mustContain(t, "close call pick", e.say("support", "dan", "1")[0].Text, e2.Body)

	// eve picks, then says it does not help: her vote replaces the pick,
	// and the ticket it opens is about the question she asked.
	e.say("support", "eve", unsure)
	e.say("support", "eve", "1")
	sent := e.say("support", "eve", "ça ne marche pas")
	mustContain(t, "feedback ticket", sent[len(sent)-1].Text, "n° 1")

	got := labelString(e.labels(t, nil))
	want := "answer-1 fr nuage-mdp mdp perdu ?\nanswer-3 fr nuage-mdp tarif ou mot de passe ?"
	if got != want {
		t.Fatalf("labels:\n got %s\nwant %s", got, want)
	}

	// Turned into a FAQ draft, eve's ticket labels her question with the
	// draft's entry; the history says which file it was.
	e.mentor(t, "bob", "!answer 1 Écrivez à support@example.org.")
	mustContain(t, "draft", e.mentor(t, "bob", "!faq 1"), "Brouillon")
	evs, err := e.store.TicketEvents(e.ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1]
	if last.Kind != tickets.DraftEvent || last.Actor.ID != "bob" || last.From != tickets.Answered || last.To != tickets.Answered {
		t.Fatalf("the draft must be in the ticket's history: %+v", last)
	}
	draft := last.Note
	if _, err := os.Stat(filepath.Join(e.drafts, draft+".md")); err != nil || draft == "" {
		t.Fatalf("the draft event must name the draft's entry, got %q: %v", draft, err)
	}
	got = labelString(e.labels(t, nil))
	want += "\nticket-1 fr " + draft + " mdp perdu ?"
	if got != want {
		t.Fatalf("labels after the draft:\n got %s\nwant %s", got, want)
	}
}

// The rules on plain outcomes: votes, ties, the asker's own vote after a
// pick, tickets by state, drafts by publication, duplicates.
func TestLabelRules(t *testing.T) {
	at := func(min int) time.Time { return time.Date(2026, 3, 2, 9, min, 0, 0, time.UTC) }
	answers := []tickets.AnswerOutcome{
		{ID: 1, EntryID: "don", Question: "comment donner ?", Lang: "fr", At: at(1), Helpful: 1},
		{ID: 2, EntryID: "don", Question: "faire un don", At: at(2), Helpful: 1, NotHelpful: 1},
		{ID: 3, EntryID: "don", Question: "je veux aider", At: at(3)},
		{ID: 4, EntryID: "quota", Question: "place sur le nuage", At: at(4), Picked: true},
		{ID: 5, EntryID: "quota", Question: "espace disque", At: at(5), Picked: true, NotHelpful: 1, AskerVote: -1},
		{ID: 6, EntryID: "quota", Question: "espace  Disque", At: at(6), Picked: true, NotHelpful: 1},
		{ID: 7, EntryID: "don", Question: "  Comment donner ?", At: at(7), Helpful: 2},
		{ID: 8, EntryID: "don", Question: "", At: at(8), Helpful: 3},
	}
	asked := []tickets.TicketOutcome{
		{ID: 1, Origin: tickets.OriginUnanswered, Question: "jitsi ?", Lang: "fr", Answered: true, Created: at(0)},
		{ID: 2, Origin: tickets.OriginUnanswered, Question: "wifi ?", Created: at(9)},
		{ID: 3, Origin: tickets.OriginFeedback, Question: "comment donner ?", Answered: true, Created: at(10)},
		{ID: 4, Origin: tickets.OriginFeedback, Question: "comment donner ?", Answered: true, Created: at(11),
			Drafts: []string{"don-cheque"}},
		{ID: 5, Origin: tickets.OriginUnanswered, Question: "code wifi ?", Answered: true, Created: at(12),
			Drafts: []string{"code-wifi", "code-wifi-2"}},
	}
	got := labelString(tickets.Labels(answers, asked, nil))
	want := strings.Join([]string{
		"ticket-1 fr null jitsi ?",
		"answer-1 fr don comment donner ?",
		"answer-4  quota place sur le nuage",
		"ticket-4  don-cheque comment donner ?",
		"ticket-5  code-wifi-2 code wifi ?",
	}, "\n")
	if got != want {
		t.Fatalf("labels:\n got %s\nwant %s", got, want)
	}
	published := func(id string) bool { return id == "code-wifi" }
	if ls := tickets.Labels(nil, asked[4:], published); len(ls) != 1 || ls[0].Expect != "code-wifi" {
		t.Fatalf("the published draft must win: %+v", ls)
	}
}
