package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Cases found by playing the demo as a hostile or careless user: each test
// replays the console lines that went wrong.

// A direct chat's ticket (an address, a password) is never printed in a
// shared room: !ticket and !tickets answer only in the mentors' room or a
// direct chat with the mentor.
func TestConsoleTicketDetailsStayPrivate(t *testing.T) {
	msgs := demoTalk(t,
		"/as alice", "/room dm-alice",
		"!humain mon adresse est 3 rue des Lilas, mot de passe hunter2",
		"/as mentor", "/room support",
		"!ticket 1", "!tickets",
		"/room dm-mentor", "!ticket 1",
		"/room mentors", "!tickets",
	)
	support := in(msgs, "support")
	if len(support) != 2 {
		t.Fatalf("want two refusals in the shared room:\n%s", dump(msgs))
	}
	for _, m := range support {
		if strings.Contains(m.text, "hunter2") || strings.Contains(m.text, "Lilas") || !strings.Contains(m.text, "mentors") {
			t.Fatalf("the shared room must get a refusal naming the mentors' room, not the ticket:\n%s", dump(msgs))
		}
	}
	if dm := in(msgs, "dm-mentor"); len(dm) != 1 || !strings.Contains(dm[0].text, "hunter2") {
		t.Fatalf("a direct chat with the mentor shows the ticket:\n%s", dump(msgs))
	}
	if ms := in(msgs, "mentors"); !strings.Contains(ms[len(ms)-1].text, "#1") {
		t.Fatalf("the mentors' room lists the ticket:\n%s", dump(msgs))
	}
}

// After « merci » closed a ticket, « merci mais toujours E-05 » reopens it
// and reaches the mentors, in French and in English, instead of « avec
// plaisir » and feedback on some FAQ entry.
func TestConsoleStillFailingReopens(t *testing.T) {
	for _, still := range []string{"merci mais toujours E-05", "thanks, but it still shows E-05"} {
		msgs := demoTalk(t,
			"mon imprimante affiche une erreur E-05",
			"/as mentor", "/room mentors", "!repondre 1 Redémarrez-la.",
			"/as vous", "/room support", "merci", still,
			"/as mentor", "/room mentors", "!tickets",
		)
		rest := after(t, msgs, "clos par vous")
		var relayed bool
		for _, m := range rest {
			if m.room == "mentors" && strings.Contains(m.text, "Ticket n° 1") && strings.Contains(m.text, still) {
				relayed = true
			}
			if m.room == "support" && (strings.Contains(m.text, "plaisir") || strings.Contains(m.text, "retour")) {
				t.Fatalf("%q was taken as thanks or feedback:\n%s", still, dump(msgs))
			}
		}
		if !relayed {
			t.Fatalf("%q never reached the mentors:\n%s", still, dump(msgs))
		}
		if ms := in(rest, "mentors"); !strings.Contains(ms[len(ms)-1].text, "#1 · ouvert") {
			t.Fatalf("ticket 1 must be open again:\n%s", dump(msgs))
		}
	}
}

// The asker's reply to a mentor's question reaches the mentor even when it
// also asks something the FAQ answers: the FAQ answer comes in addition,
// never instead.
func TestConsoleReplyWithAFAQQuestionIsRelayed(t *testing.T) {
	const reply = "Canon MG3650. Au fait, combien coûte la formation ?"
	msgs := demoTalk(t,
		"mon imprimante affiche une erreur E-05",
		"/as mentor", "/room mentors", "!repondre 1 Quel modèle ?",
		"/as vous", "/room support", reply,
	)
	rest := after(t, msgs, "Quel modèle ?")
	var relayed, answered bool
	for _, m := range rest {
		relayed = relayed || m.room == "mentors" && strings.Contains(m.text, "Ticket n° 1") && strings.Contains(m.text, "Canon MG3650")
		answered = answered || m.room == "support" && strings.Contains(m.text, "20 €")
	}
	if !relayed || !answered {
		t.Fatalf("want the reply relayed (%v) and the price answered (%v):\n%s", relayed, answered, dump(msgs))
	}
}

// Before any mentor answer, the asker's « merci » or « super » joins the
// ticket and reaches the mentors, and « ça marche ! » closes it with a word
// to the mentors.
func TestConsoleAskerWordsBeforeAnyAnswer(t *testing.T) {
	msgs := demoTalk(t,
		"mon imprimante affiche une erreur E-05",
		"merci", "super", "ça marche !",
		"/as mentor", "/room mentors", "!ticket 1",
	)
	rest := after(t, msgs, "ticket n° 1")
	var relayed []string
	for _, m := range rest {
		if m.room == "support" && strings.Contains(m.text, "plaisir") {
			t.Fatalf("the asker's words went to small talk:\n%s", dump(msgs))
		}
		if m.room == "mentors" && strings.HasPrefix(m.text, "💬 Ticket n° 1") {
			relayed = append(relayed, m.text)
		}
	}
	if len(relayed) != 2 {
		t.Fatalf("want « merci » and « super » relayed:\n%s", dump(msgs))
	}
	ms := in(rest, "mentors")
	if !strings.Contains(dump(ms), "✅ Ticket n° 1 clos par vous") || !strings.Contains(ms[len(ms)-1].text, "(clos)") {
		t.Fatalf("« ça marche ! » must close ticket 1 and tell the mentors:\n%s", dump(msgs))
	}
}

// « problem solved » with no ticket open is not a question for the mentors.
func TestConsoleSolvedWithoutTicket(t *testing.T) {
	msgs := demoTalk(t, "/room dm-vous", "problem solved", "/as mentor", "/room mentors", "!tickets")
	if len(in(msgs, "mentors")) != 1 || !strings.Contains(in(msgs, "mentors")[0].text, "Aucun ticket") {
		t.Fatalf("« problem solved » opened a ticket:\n%s", dump(msgs))
	}
}

// « !humain » with nothing asked before opens a ticket that says so and
// asks the asker what it is about; typed again, it repeats the number and
// tells the mentors nothing new.
func TestConsoleHumanCommandAlone(t *testing.T) {
	msgs := demoTalk(t, "/room dm-vous", "!humain", "!humain", "/as mentor", "/room mentors", "!ticket 1")
	dm := in(msgs, "dm-vous")
	if len(dm) != 2 || !strings.Contains(dm[0].text, "De quoi s'agit-il") || !strings.Contains(dm[1].text, "ticket n° 1") {
		t.Fatalf("want the ticket opened with a question back, then its number again:\n%s", dump(msgs))
	}
	ms := in(msgs, "mentors")
	if len(ms) != 2 || strings.Contains(dump(ms), "!humain") || !strings.Contains(ms[0].text, "sujet pas encore précisé") {
		t.Fatalf("want one notice without « !humain » as the question, and nothing relayed:\n%s", dump(msgs))
	}
}

// In the shared room, asking for a person is heard however it is typed,
// and the ticket carries what the asker said before, even the lines the
// bot left unanswered.
func TestConsoleAskForAHumanTypedFast(t *testing.T) {
	for _, ask := range []string{"une vraie personne", "passez moi un conseiller", "real person pls",
		"je veu parlé a un humin", "jveux parler a qqn"} {
		msgs := demoTalk(t, ask)
		if s := in(msgs, "support"); len(s) != 1 || !ticketNumber.MatchString(s[0].text) || strings.Contains(s[0].text, "contact@") {
			t.Errorf("%q: want a ticket:\n%s", ask, dump(msgs))
		}
	}
	msgs := demoTalk(t, "mon imprimante affiche E-05", "c est une canon", "une vraie personne")
	ms := in(msgs, "mentors")
	if len(ms) != 1 || !strings.Contains(ms[0].text, "mon imprimante affiche E-05") || !strings.Contains(ms[0].text, "c est une canon") {
		t.Fatalf("the notice must carry both earlier lines:\n%s", dump(msgs))
	}
}

// After a "did you mean" list: « deux », « la première », « le 2 » pick; an
// out-of-range number says which numbers there are and keeps the list;
// « nan » or 👎 on the list hand the question to the mentors.
func TestConsoleDidYouMeanReplies(t *testing.T) {
	// the first of these the demo FAQ answers with a list of three
	var q string
	for _, c := range []string{"j'ai un souci avec mon compte", "souci de mot de passe", "question sur le nuage", "formation"} {
		if msgs := demoTalk(t, "/room dm-vous", c); len(msgs) == 1 && strings.Contains(msgs[0].text, "Vouliez-vous dire") &&
			strings.Contains(msgs[0].text, "\n3. ") {
			q = c
			break
		}
	}
	if q == "" {
		t.Fatal("the demo FAQ offers a list of three for none of the test's questions: pick new ones")
	}
	list := func(t *testing.T, lines ...string) []consoleMsg {
		return demoTalk(t, append([]string{"/room dm-vous", q}, lines...)...)[1:]
	}
	want1, want2 := list(t, "1")[0].text, list(t, "2")[0].text
	for pick, want := range map[string]string{"deux": want2, "le 2": want2, "la première": want1, "the first one": want1} {
		if got := list(t, pick); len(got) != 1 || got[0].text != want {
			t.Errorf("%q must pick its entry:\n%s", pick, dump(got))
		}
	}
	if got := list(t, "4", "3"); len(got) != 2 || !strings.Contains(got[0].text, "de 1 à 3") || strings.Contains(got[1].text, "numéro") {
		t.Errorf("« 4 » must name the range and keep the list for « 3 »:\n%s", dump(got))
	}
	for _, no := range [][]string{{"nan"}, {"/react 👎", "/react 👎"}} {
		got := list(t, no...)
		if len(in(got, "mentors")) != 1 || !strings.Contains(got[0].text, "ticket n° 1") || !strings.Contains(in(got, "mentors")[0].text, q) {
			t.Errorf("%q must open one ticket with the question:\n%s", no, dump(got))
		}
	}
}

// A mentor's over-long !repondre is told the command is too long, not to
// keep "the question".
func TestConsoleLongAnswerWording(t *testing.T) {
	msgs := demoTalk(t, "mon imprimante affiche une erreur E-05",
		"/as mentor", "/room mentors", "!repondre 1 "+strings.Repeat("redémarrez ", 2000))
	ms := in(msgs, "mentors")
	last := ms[len(ms)-1].text
	if !strings.Contains(last, "commande est trop longue") || strings.Contains(last, "question") {
		t.Fatalf("want the command's own wording:\n%s", dump(msgs))
	}
}

// In a shared room, bob helping alice (« et le pilote est à jour ? ») opens
// no ticket, so his next question gets its FAQ answer; alice's « bob tu es
// dispo jeudi ? » is talk to bob, not a message for her ticket.
func TestConsoleTalkBetweenPeople(t *testing.T) {
	msgs := demoTalk(t,
		"/as alice", "mon imprimante affiche une erreur E-05",
		"/as bob", "et le pilote est à jour ?", "combien coûte la formation ?",
		"/as alice", "bob tu es dispo jeudi ?",
		"/as mentor", "/room mentors", "!tickets",
	)
	rest := after(t, msgs, "ticket n° 1")
	for _, m := range rest {
		if strings.Contains(m.text, "pilote") || strings.Contains(m.text, "jeudi") {
			t.Fatalf("talk between people reached the bot's replies or the mentors:\n%s", dump(msgs))
		}
	}
	if !strings.Contains(dump(in(rest, "support")), "20 €") {
		t.Fatalf("bob's question must get its answer:\n%s", dump(msgs))
	}
	if ms := in(rest, "mentors"); !strings.Contains(ms[len(ms)-1].text, "Tickets en attente (1)") {
		t.Fatalf("want alice's ticket only:\n%s", dump(msgs))
	}

	// with a ticket of his own, bob's « j'ai perdu mon mot de passe
	// Mastodon » reaches the mentors and gets the FAQ's answer too
	msgs = demoTalk(t, "/as bob", "le pilote de mon imprimante est à jour ?", "j'ai perdu mon mot de passe mastodon")
	rest = after(t, msgs, "ticket n° 1")
	if !strings.Contains(dump(in(rest, "support")), "toot.etabli.example") || !strings.Contains(dump(in(rest, "mentors")), "mot de passe mastodon") {
		t.Fatalf("want the FAQ answer and the relay:\n%s", dump(msgs))
	}
}

// A right-to-left override in a question (« gpj.exe » shown as « exe.jpg »)
// reaches the mentors' room as its visible code, not as an override.
func TestConsoleBidiControlsShownToMentors(t *testing.T) {
	msgs := demoTalk(t, "/room dm-vous", "!humain ouvrez la pièce jointe facture\u202egpj.exe")
	ms := dump(in(msgs, "mentors"))
	if strings.ContainsRune(ms, '\u202e') || !strings.Contains(ms, "facture[U+202E]gpj.exe") {
		t.Fatalf("the override must be shown as its code:\n%q", ms)
	}
}

// tickets show labels the ticket's origin in words and gives its dates in
// the configured zone, as the chat does; the usage of db keeps its
// placeholder URL readable.
func TestCLITicketShowLikeTheChat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	chat, errs, code := runCLI(t, "mon imprimante affiche une erreur E-05\n/as mentor\n/room mentors\n!ticket 1\n", "demo", "--db", db)
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	m := regexp.MustCompile(`ouvert le (\d{4}-\d\d-\d\d \d\d:\d\d)`).FindStringSubmatch(chat)
	if m == nil {
		t.Fatalf("no date in !ticket:\n%s", chat)
	}
	out, errs, code := runCLI(t, "", "tickets", "show", "1", "--db", db)
	if code != 0 {
		t.Fatalf("tickets show: %d %s", code, errs)
	}
	if !strings.Contains(out, "(open, opened because the FAQ had no answer)") || strings.Contains(out, "unanswered)") {
		t.Fatalf("the origin must be labelled:\n%s", out)
	}
	if opened := strings.Replace(m[1], " ", "T", 1); !strings.Contains(out, "Opened:   "+opened) {
		t.Fatalf("the CLI must show the chat's %s:\n%s", m[1], out)
	}
	_, errs, _ = runCLI(t, "", "db")
	if !strings.Contains(errs, "postgres://USER@HOST") || strings.Contains(errs, "redacted") {
		t.Fatalf("the usage's placeholder was redacted:\n%s", errs)
	}
}
