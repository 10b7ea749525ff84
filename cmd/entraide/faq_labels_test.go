package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/example"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/sqlite"
)

// TestLabelsFromADemoSessionFeedCalibration plays the loop through the
// CLI: a demo session where questions are answered and thanked, picked from
// a list, escalated and answered by a mentor, turned into a FAQ draft; then
// "faq labels" exports what that taught, and "faq calibrate" fits on it
// once the draft is published.
func TestLabelsFromADemoSessionFeedCalibration(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	script := strings.Join([]string{
		"/as alice", "combien coûte la formation ?", "merci",
		"/as bea", "problème de mot de passe", "1",
		"/as carl", "vous avez une instance jitsi ?",
		"/as dina", "quel est le code du wifi au local zorglub ?",
		"/as emma", "j'ai oublié mon mot de passe mastodon", "ça ne marche pas",
		"/as fred", "qui organise la fête des voisins de zorglub ?",
		"/as gus", "Combien coûte  la formation ?", "super, merci",
		"/room mentors", "/as mentor",
		"!answer 1 Pas encore, nous y réfléchissons.",
		"!answer 2 Le code est affiché à l'accueil.",
	}, "\n") + "\n"
	out, errs, code := runCLI(t, script, "demo", "--db", db)
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	// bea's "1" picks the first entry offered, as "did you mean" or under a
	// close-call answer: find which one in the transcript.
	m := regexp.MustCompile(`(?:Vouliez-vous dire|Voir aussi) :\n\s*1\. ([^\n]+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("bea was offered no list:\n%s", out)
	}
	kb, err := faq.LoadFS(example.FAQ())
	if err != nil {
		t.Fatal(err)
	}
	var picked string
	for _, e := range kb.Entries {
		if e.Title == m[1] {
			picked = e.ID
		}
	}
	for _, s := range []string{"(ticket n° 1)", "(ticket n° 2)", "ticket n° 3", "(ticket n° 4)", "transmise à carl", "transmise à dina"} {
		if !strings.Contains(out, s) {
			t.Fatalf("missing %q in the session:\n%s", s, out)
		}
	}
	out, errs, code = runCLI(t, "", "tickets", "to-faq", "2", "--db", db)
	if code != 0 {
		t.Fatalf("tickets to-faq: %d %s", code, errs)
	}
	draftPath := strings.TrimSpace(out)
	draft := strings.TrimSuffix(filepath.Base(draftPath), ".md")

	out, errs, code = runCLI(t, "", "faq", "labels", "--db", db)
	if code != 0 {
		t.Fatalf("faq labels: %d %s", code, errs)
	}
	type line struct {
		ID, Text, Lang string
		Expect         *string
	}
	var got []string
	ids := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var fields map[string]any
		if err := json.Unmarshal([]byte(l), &fields); err != nil || len(fields) != 4 && len(fields) != 3 {
			t.Fatalf("want id, text, lang and expect only: %v %s", err, l)
		}
		var ln line
		json.Unmarshal([]byte(l), &ln)
		exp := "null"
		if ln.Expect != nil {
			exp = *ln.Expect
		}
		if ids[ln.ID] {
			t.Fatalf("id %s twice:\n%s", ln.ID, out)
		}
		ids[ln.ID] = true
		id := ln.ID
		if strings.HasPrefix(id, "answer-") {
			id = "answer" // their numbers depend on how many answers the matcher gave
		}
		got = append(got, id+" "+ln.Lang+" "+exp+" "+ln.Text)
	}
	want := []string{
		"answer fr formation-tarifs combien coûte la formation ?",
		"answer fr " + picked + " problème de mot de passe",
		"ticket-1 fr null vous avez une instance jitsi ?",
		"ticket-2 fr " + draft + " quel est le code du wifi au local zorglub ?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("faq labels:\n got %s\nwant %s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, who := range []string{"alice", "bea", "carl", "dina", "mentor", "console"} {
		if strings.Contains(out, who) {
			t.Fatalf("labels must not name people or places (%s):\n%s", who, out)
		}
	}
	if !strings.Contains(errs, `ticket-2 expects "`+draft+`", which is not an entry of the example FAQ`) ||
		!strings.Contains(errs, "4 labelled questions") {
		t.Fatalf("faq labels must warn about the unpublished draft and count: %s", errs)
	}
	labels := filepath.Join(dir, "ours.jsonl")
	if err := os.WriteFile(labels, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}

	// The draft is not in the FAQ yet, then only as a draft: calibrate
	// refuses the line, naming it, and writes nothing.
	kbDir := filepath.Join(dir, "faq")
	if err := os.CopyFS(kbDir, example.FAQ()); err != nil {
		t.Fatal(err)
	}
	cal := filepath.Join(dir, "calibration.json")
	_, errs, code = runCLI(t, "", "faq", "calibrate", "--kb", kbDir, "-o", cal, labels)
	if code != 1 || !strings.Contains(errs, labels+`:4: expect "`+draft+`" is not an entry of the FAQ`) {
		t.Fatalf("calibrate with an unknown entry: %d %s", code, errs)
	}
	data, err := os.ReadFile(draftPath)
	if err != nil {
		t.Fatal(err)
	}
	published := filepath.Join(kbDir, "fr", draft+".md")
	if err := os.WriteFile(published, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code = runCLI(t, "", "faq", "eval", "--kb", kbDir, labels)
	if code != 1 || !strings.Contains(errs, labels+`:4: expect "`+draft+`" is a draft`) {
		t.Fatalf("eval with a draft entry: %d %s", code, errs)
	}
	// With a config, labels check the community's FAQ: the draft is there.
	cfgFile := filepath.Join(dir, "entraide.toml")
	os.WriteFile(cfgFile, []byte("[bot]\ndatabase = \""+db+"\"\nfaq_dir = \""+kbDir+"\"\n[console]\nenabled = true\n"), 0o600)
	again, errs, code := runCLI(t, "", "faq", "labels", "--config", cfgFile)
	if code != 0 || again != out || !strings.Contains(errs, `ticket-2 expects "`+draft+`", still a draft (`+published+")") {
		t.Fatalf("faq labels --config: %d\n%s\n%s", code, again, errs)
	}
	if _, err := os.Stat(cal); err == nil {
		t.Fatal("a refused calibration must write no file")
	}
	// Published (draft: true removed, as the maintainer does), it is in.
	if err := os.WriteFile(published, []byte(strings.Replace(string(data), "draft: true\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code = runCLI(t, "", "faq", "calibrate", "--kb", kbDir, "-o", cal, labels)
	if code != 0 || !strings.Contains(out, "lines:              4 (3 in scope, 1 expect null)") {
		t.Fatalf("calibrate on the labels: %d %s %s", code, out, errs)
	}
	if _, err := faq.LoadCalibration(cal); err != nil {
		t.Fatalf("the calibration written does not load: %v", err)
	}
	_, errs, code = runCLI(t, "", "faq", "labels", "--db", db, "--config", "x.toml")
	if code != 2 || !strings.Contains(errs, "not both") {
		t.Fatalf("--db with --config: %d %s", code, errs)
	}
}

func TestLabelsSince(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	script := "/as alice\ncombien coûte la formation ?\nmerci\n/as bob\ncomment faire un don ?\nmerci\n"
	if _, errs, code := runCLI(t, script, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	// alice's answer was ten days ago
	sdb, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = sdb.ExecContext(context.Background(), `UPDATE faq_answers SET at = at - 10*86400000 WHERE user_id = 'alice'`)
	sdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	all, errs, code := runCLI(t, "", "faq", "labels", "--db", db)
	if code != 0 || strings.Count(all, "\n") != 2 {
		t.Fatalf("all labels: %d %s %s", code, all, errs)
	}
	recent, errs, code := runCLI(t, "", "faq", "labels", "--db", db, "--since", "7d")
	if code != 0 || strings.Count(recent, "\n") != 1 || !strings.Contains(recent, `"expect":"don"`) {
		t.Fatalf("--since 7d: %d %s %s", code, recent, errs)
	}
	for _, bad := range []string{"soon", "-3d", "0"} {
		if _, errs, code := runCLI(t, "", "faq", "labels", "--db", db, "--since", bad); code != 2 || !strings.Contains(errs, "--since") {
			t.Fatalf("--since %s: %d %s", bad, code, errs)
		}
	}
	if _, errs, code := runCLI(t, "", "faq", "labels", "--db", filepath.Join(dir, "none.db")); code != 1 || !strings.Contains(errs, "none.db") {
		t.Fatalf("missing database: %d %s", code, errs)
	}
}

// eval and calibrate list every line whose expected entry is unknown, not
// only the first.
func TestEvalAndCalibrateListEveryUnknownEntry(t *testing.T) {
	dir := t.TempDir()
	labelled := filepath.Join(dir, "q.jsonl")
	os.WriteFile(labelled, []byte(`{"id": "1", "text": "combien coûte la formation ?", "expect": "formation-tarifs"}
{"id": "2", "text": "x", "expect": "no-such-entry"}
{"id": "3", "text": "y", "expect": null}

{"id": "4", "text": "z", "expect": "formation-tarif"}
`), 0o644)
	cal := filepath.Join(dir, "cal.json")
	for _, args := range [][]string{
		{"faq", "eval", "--kb", exampleFAQ, labelled},
		{"faq", "calibrate", "--kb", exampleFAQ, "-o", cal, labelled},
	} {
		out, errs, code := runCLI(t, "", args...)
		if code != 1 || !strings.Contains(errs, labelled+`:2: expect "no-such-entry" is not an entry`) ||
			!strings.Contains(errs, labelled+`:5: expect "formation-tarif" is not an entry`) ||
			!strings.Contains(errs, "2 line(s)") || strings.Contains(errs, ":1:") || out != "" {
			t.Fatalf("%v: %d\n%s\n%s", args, code, out, errs)
		}
	}
	if _, err := os.Stat(cal); err == nil {
		t.Fatal("a refused calibration must write no file")
	}
}
