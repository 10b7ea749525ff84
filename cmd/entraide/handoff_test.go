package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The console cases of handing a question to a person: each one is how a
// new user actually talks to the demo, and each broke the conversation
// before tickets became conversations.

// consoleMsg is one message the console printed: its room, and the text
// after "entraide: " with its continuation lines joined.
type consoleMsg struct {
	room, text string
}

var consoleHead = regexp.MustCompile(`^\[([^\]]+)\] entraide: (.*)$`)

// demoTalk runs the demo on a fresh database with the script's lines and
// returns every message the bot printed, in order.
func demoTalk(t *testing.T, lines ...string) []consoleMsg {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	out, errs, code := runCLI(t, strings.Join(lines, "\n")+"\n", "demo", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var msgs []consoleMsg
	for _, l := range strings.Split(out, "\n") {
		if m := consoleHead.FindStringSubmatch(l); m != nil {
			msgs = append(msgs, consoleMsg{room: m[1], text: m[2]})
			continue
		}
		if len(msgs) > 0 && strings.HasPrefix(l, "    ") {
			msgs[len(msgs)-1].text += "\n" + strings.TrimPrefix(l, "    ")
		}
	}
	return msgs
}

// in returns the messages posted in room, oldest first.
func in(msgs []consoleMsg, room string) []consoleMsg {
	var out []consoleMsg
	for _, m := range msgs {
		if m.room == room {
			out = append(out, m)
		}
	}
	return out
}

func dump(msgs []consoleMsg) string {
	var sb strings.Builder
	for _, m := range msgs {
		sb.WriteString("[" + m.room + "] " + m.text + "\n")
	}
	return sb.String()
}

// after returns the messages printed after the first one containing s.
func after(t *testing.T, msgs []consoleMsg, s string) []consoleMsg {
	t.Helper()
	for i, m := range msgs {
		if strings.Contains(m.text, s) {
			return msgs[i+1:]
		}
	}
	t.Fatalf("no message contains %q:\n%s", s, dump(msgs))
	return nil
}

var ticketNumber = regexp.MustCompile(`(?:ticket n° |ticket #)(\d+)`)

// Case 1: the asker's reply to a mentor's answer goes to the mentors, not
// to the FAQ (it named an error code and got the Mastodon password entry).
func TestConsoleFollowUpReachesMentors(t *testing.T) {
	msgs := demoTalk(t,
		"mon imprimante affiche une erreur E-05",
		"/as mentor", "/room mentors",
		"!repondre 1 Avez-vous essayé de la redémarrer ?",
		"/as vous", "/room support",
		"oui mais ça ne change rien, toujours E-05",
		"/as mentor", "/room mentors",
		"!ticket 1",
	)
	rest := after(t, msgs, "Avez-vous essayé de la redémarrer ?")
	var relayed bool
	for _, m := range rest {
		if m.room == "support" && strings.Contains(m.text, "toot.etabli.example") {
			t.Fatalf("the follow-up was answered from the FAQ:\n%s", dump(msgs))
		}
		if m.room == "mentors" && strings.Contains(m.text, "toujours E-05") && strings.Contains(m.text, "1") &&
			!strings.Contains(m.text, "Historique") {
			relayed = true
		}
	}
	if !relayed {
		t.Fatalf("the follow-up never reached the mentors' room:\n%s", dump(msgs))
	}
	show := in(rest, "mentors")
	last := show[len(show)-1].text
	q := strings.Index(last, "mon imprimante affiche une erreur E-05")
	a := strings.Index(last, "Avez-vous essayé de la redémarrer ?")
	f := strings.Index(last, "oui mais ça ne change rien, toujours E-05")
	if q < 0 || a < q || f < a {
		t.Fatalf("!ticket 1 must hold the question, the answer and the follow-up in order:\n%s", last)
	}
}

// Case 2: asking for a person gets a person (a ticket), not the FAQ's
// contact entry.
func TestConsoleAskForAHuman(t *testing.T) {
	msgs := demoTalk(t, "je voudrais parler à un humain svp")
	support := in(msgs, "support")
	if len(support) != 1 || strings.Contains(support[0].text, "contact@etabli.example") {
		t.Fatalf("want one reply that is not the contact entry:\n%s", dump(msgs))
	}
	if ticketNumber.FindString(support[0].text) == "" {
		t.Fatalf("the reply must give a ticket number:\n%s", dump(msgs))
	}
	if len(in(msgs, "mentors")) != 1 {
		t.Fatalf("the mentors must be told once:\n%s", dump(msgs))
	}
}

// Case 3: the ticket opened by "can I talk to a human?" carries what the
// asker said just before, and asking again gives the same ticket.
func TestConsoleHumanTicketCarriesContext(t *testing.T) {
	msgs := demoTalk(t,
		"/as bob",
		"how do I get my calendar on my phone?",
		"can I talk to a human?",
		"can I talk to a human?",
	)
	var notices []consoleMsg
	for _, m := range in(msgs, "mentors") {
		if strings.HasPrefix(m.text, "🎫") {
			notices = append(notices, m)
		}
	}
	if len(notices) != 1 {
		t.Fatalf("want exactly one ticket notice in the mentors' room:\n%s", dump(msgs))
	}
	if !strings.Contains(notices[0].text, "how do I get my calendar on my phone?") {
		t.Fatalf("the notice must show the question asked before:\n%s", dump(msgs))
	}
	support := in(msgs, "support")
	first := ticketNumber.FindStringSubmatch(support[1].text)
	second := ticketNumber.FindStringSubmatch(support[2].text)
	if first == nil || second == nil || first[1] != second[1] {
		t.Fatalf("asking twice must give the same ticket:\n%s", dump(msgs))
	}
}

// Case 4: "ça ne marche pas" after a "did you mean" list opens a ticket
// with the question and what was offered: never a promise without a number.
func TestConsoleDissatisfiedAfterList(t *testing.T) {
	msgs := demoTalk(t,
		"appli nuage sur android, quel serveur je mets ?",
		"ça ne marche pas",
	)
	support := in(msgs, "support")
	if len(support) != 2 || !strings.Contains(support[0].text, "Vouliez-vous dire") {
		t.Fatalf("want a list, then one reply:\n%s", dump(msgs))
	}
	if ticketNumber.FindString(support[1].text) == "" {
		t.Fatalf("the reply must give a ticket number:\n%s", dump(msgs))
	}
	notices := in(msgs, "mentors")
	if len(notices) != 1 || !strings.Contains(notices[0].text, "appli nuage sur android") ||
		!strings.Contains(notices[0].text, "Quels services en ligne proposez-vous ?") {
		t.Fatalf("the notice must show the question and the list offered:\n%s", dump(msgs))
	}
}

// Case 5: the notice lists no FAQ "lead" that shares nothing with the
// question (a printer error is not about backups).
func TestConsoleNoticeLeadsAreRelevant(t *testing.T) {
	msgs := demoTalk(t, "mon imprimante affiche une erreur")
	notices := in(msgs, "mentors")
	if len(notices) != 1 {
		t.Fatalf("want one notice:\n%s", dump(msgs))
	}
	for _, irrelevant := range []string{"sauvegard", "contact", "mot de passe"} {
		if strings.Contains(notices[0].text, irrelevant) {
			t.Fatalf("irrelevant lead %q in the notice:\n%s", irrelevant, notices[0].text)
		}
	}
}
