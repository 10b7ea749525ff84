package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/faq"
)

// TestConsoleTicketCycle plays the whole escalation through the real CLI:
// an unknown question becomes ticket #1, a non-mentor may not claim it, the
// mentor claims and answers, the asker sees the answer, the ticket is
// resolved and turned into a FAQ draft that the FAQ loader accepts.
func TestConsoleTicketCycle(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	script := strings.Join([]string{
		"/as alice",
		"quel est le code du wifi au local zorglub ?",
		"/as bob",
		"/room mentors",
		"!claim 1",
		"/as mentor",
		"!claim 1",
		"!answer 1 Le code est affiché à l'accueil, *demandez* à l'équipe.",
		"!resolve 1",
		"!faq 1",
	}, "\n") + "\n"
	out, errs, code := runCLI(t, script, "demo", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	steps := []string{
		"[support] entraide: alice: Je ne connais pas encore la réponse : j'ai transmis votre question aux bénévoles (ticket n° 1).",
		"[mentors] entraide: 🎫 Ticket n° 1 — alice dans console:support :",
		"> quel est le code du wifi au local zorglub ?",
		"[mentors] entraide: bob: Désolé, la commande !claim est réservée aux bénévoles mentors.",
		"[mentors] entraide: mentor: Ticket n° 1 pris par mentor.",
		"[support] entraide: alice: Le code est affiché à l'accueil, *demandez* à l'équipe.",
		"— mentor, bénévole",
		"[mentors] entraide: mentor: Réponse au ticket n° 1 transmise à alice.",
		"[mentors] entraide: mentor: Ticket n° 1 clos par mentor.",
		"[mentors] entraide: mentor: Brouillon d'entrée de FAQ du ticket n° 1 écrit dans ",
	}
	rest := out
	for _, s := range steps {
		i := strings.Index(rest, s)
		if i < 0 {
			t.Fatalf("missing, or out of order: %q\nin:\n%s", s, out)
		}
		rest = rest[i+len(s):]
	}
	path := regexp.MustCompile(`écrit dans (\S+\.md)\.`).FindStringSubmatch(out)
	if path == nil {
		t.Fatalf("no draft path in:\n%s", out)
	}
	if filepath.Dir(path[1]) != filepath.Join(dir, "drafts") {
		t.Fatalf("the demo must write drafts next to its database, not %s", path[1])
	}
	lint, errs, code := runCLI(t, "", "faq", "lint", filepath.Dir(path[1]))
	if code != 0 || !strings.Contains(lint, "OK") {
		t.Fatalf("entraide faq lint rejects the draft: %d %s %s", code, lint, errs)
	}
	kb, err := faq.LoadDir(filepath.Dir(path[1]))
	if err != nil {
		t.Fatalf("the draft does not pass the FAQ lint: %v", err)
	}
	if len(kb.Entries) != 1 {
		t.Fatalf("want one draft, got %d", len(kb.Entries))
	}
	e := kb.Entries[0]
	if !e.Draft || e.Lang != "fr" || e.Questions[0] != "quel est le code du wifi au local zorglub ?" ||
		e.Body != "Le code est affiché à l'accueil, *demandez* à l'équipe." || e.ID != "code-wifi-local-zorglub" {
		t.Fatalf("draft entry: %+v", e)
	}

	// The CLI sees the same ticket and can write the draft again.
	out, errs, code = runCLI(t, "", "tickets", "list", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("tickets list: %d %s", code, errs)
	}
	var list []ticketJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 1 || list[0].State != "resolved" || list[0].Mentor != "mentor" {
		t.Fatalf("tickets list --json: %v %s", err, out)
	}
	out, _, code = runCLI(t, "", "tickets", "show", "1", "--db", db)
	if code != 0 || !strings.Contains(out, "claim    open      → claimed   mentor") {
		t.Fatalf("tickets show: %d\n%s", code, out)
	}
	out, errs, code = runCLI(t, "", "tickets", "to-faq", "1", "--db", db)
	if code != 0 || strings.TrimSpace(out) != filepath.Join(dir, "drafts", "code-wifi-local-zorglub-2.md") {
		t.Fatalf("tickets to-faq: %d %s %s", code, out, errs)
	}
	if _, err := faq.LoadDir(filepath.Join(dir, "drafts")); err != nil {
		t.Fatalf("two drafts of one ticket must both load: %v", err)
	}
}

func TestTicketsCommandErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if _, _, code := runCLI(t, "une question sur zorglub ?\n", "demo", "--db", db); code != 0 {
		t.Fatal(code)
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"tickets"}, 2, "missing action"},
		{[]string{"tickets", "frob"}, 2, "unknown action"},
		{[]string{"tickets", "list", "--state", "lost", "--db", db}, 2, `unknown state "lost"`},
		{[]string{"tickets", "show", "--db", db}, 2, "needs one ticket number"},
		{[]string{"tickets", "show", "abc", "--db", db}, 2, `"abc" is not a ticket number`},
		{[]string{"tickets", "show", "0", "--db", db}, 2, "not a ticket number"},
		{[]string{"tickets", "show", "9", "--db", db}, 1, "there is no ticket #9"},
		{[]string{"tickets", "to-faq", "1", "--db", db}, 1, "has no answer yet"},
		{[]string{"tickets", "list", "--db", filepath.Join(dir, "nope.db")}, 1, "nope.db"},
		{[]string{"tickets", "list", "--db", db, "--config", "x.toml"}, 2, "not both"},
	}
	for _, c := range cases {
		_, errs, code := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, want %d and %q in:\n%s", c.args, code, c.code, c.want, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "nope.db")); err == nil {
		t.Fatal("listing must not create a missing database")
	}
	out, _, code := runCLI(t, "", "tickets", "list", "--state", "open,claimed", "--db", db)
	if code != 0 || !strings.Contains(out, "#1 ") || !strings.Contains(out, "une question sur zorglub") {
		t.Fatalf("list: %d %s", code, out)
	}
}

func TestReport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	script := strings.Join([]string{
		"vous avez une instance jitsi ?",
		"/as bea",
		"instance jitsi disponible ?",
		"/as carl",
		"le wifi du local zorglub ne marche pas",
		"/as eve", // carl's next words would join his ticket
		"combien coûte la formation ?",
		"ça ne marche pas",
		"/as dina",
		"combien coûte la formation ?",
		"merci",
	}, "\n") + "\n"
	if _, errs, code := runCLI(t, script, "demo", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := runCLI(t, "", "report", "--db", db)
	if code != 0 {
		t.Fatalf("report: %d %s", code, errs)
	}
	for _, want := range []string{
		"Tickets: 4 (open 4,",
		"2× #1 #2\n       vous avez une instance jitsi ?\n       instance jitsi disponible ?",
		"1× #3\n       le wifi du local zorglub ne marche pas",
		"formation-tarifs                   1 not helpful,   1 helpful  Combien coûte la formation",
	} {
		if !strings.Contains(out, want) {
			t.Fatalf("want %q in the report:\n%s", want, out)
		}
	}
	if strings.Contains(out, "#4") {
		t.Fatalf("a feedback ticket is not an unanswered question:\n%s", out)
	}
	if _, errs, code := runCLI(t, "", "report", "--top", "0", "--db", db); code != 2 || !strings.Contains(errs, "--top") {
		t.Fatalf("bad --top: %d %s", code, errs)
	}
}
