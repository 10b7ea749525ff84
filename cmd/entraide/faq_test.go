package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const exampleFAQ = "../../example/faq"

func TestFAQLint(t *testing.T) {
	out, errs, code := runCLI(t, "", "faq", "lint", exampleFAQ)
	if code != 0 || !strings.Contains(out, "entries OK") {
		t.Fatalf("example FAQ should lint clean: %d %s %s", code, out, errs)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "fr"), 0o755)
	os.WriteFile(filepath.Join(dir, "fr", "a.md"), []byte("---\nlang: es\ntitle: T\nquestions: [q]\n---\n\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "fr", "b.md"), []byte("---\ntitle: [\n---\nx\n"), 0o644)
	out, errs, code = runCLI(t, "", "faq", "lint", dir)
	if code == 0 {
		t.Fatal("a broken FAQ must exit non-zero")
	}
	for _, want := range []string{
		filepath.Join(dir, "fr", "a.md") + ":2: unknown lang \"es\"",
		filepath.Join(dir, "fr", "a.md") + ":6: empty answer",
		filepath.Join(dir, "fr", "b.md") + ":",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "problem(s)") {
		t.Errorf("stderr should sum up: %s", errs)
	}
	if _, _, code := runCLI(t, "", "faq", "lint"); code != 2 {
		t.Errorf("missing DIR must be a usage error, got %d", code)
	}
}

// The batch contract: one JSON line out per line in, same order, loading
// time on stderr only.
func TestFAQMatchContract(t *testing.T) {
	in := `{"id": "a", "text": "combien coûte la formation ?", "lang": "fr"}
{"id": "b", "text": "merci !"}

{"id": "c", "text": "quelle est la recette des crêpes ?", "lang": "fr"}
{"id": "d", "text": "how much is the training?", "lang": "en"}
`
	out, errs, code := runCLI(t, in, "faq", "match", "--kb", exampleFAQ)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "loaded") {
		t.Errorf("loading time should go to stderr: %q", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 lines, got %d:\n%s", len(lines), out)
	}
	want := []struct {
		id    string
		match any
	}{{"a", "formation-tarifs"}, {"b", nil}, {"c", nil}, {"d", "training-price"}}
	for i, l := range lines {
		var got map[string]any
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d not JSON: %v", i, err)
		}
		for _, k := range []string{"id", "match", "score", "suggestions", "took_us"} {
			if _, ok := got[k]; !ok {
				t.Errorf("line %d lacks %q: %s", i, k, l)
			}
		}
		if got["id"] != want[i].id || got["match"] != want[i].match {
			t.Errorf("line %d: %s, want id %s match %v", i, l, want[i].id, want[i].match)
		}
		if s, _ := got["score"].(float64); s < 0 || s > 1 {
			t.Errorf("score out of 0..1: %s", l)
		}
	}
	_, errs, code = runCLI(t, "{not json\n", "faq", "match", "--kb", exampleFAQ)
	if code != 1 || !strings.Contains(errs, "stdin:1:") {
		t.Errorf("bad input must name its line: %d %s", code, errs)
	}
}

func TestFAQAskEvalCalibrate(t *testing.T) {
	out, errs, code := runCLI(t, "", "faq", "ask", "--kb", exampleFAQ, "mdp nuage perdu")
	if code != 0 || !strings.Contains(out, "nuage-mot-de-passe") || !strings.Contains(out, "decision:") {
		t.Fatalf("ask: %d %s %s", code, out, errs)
	}
	dir := t.TempDir()
	labelled := filepath.Join(dir, "q.jsonl")
	os.WriteFile(labelled, []byte(`{"id": "1", "text": "combien coûte la formation ?", "lang": "fr", "expect": "formation-tarifs"}
{"id": "2", "text": "mdp nuage perdu", "lang": "fr", "expect": "nuage-mot-de-passe"}
{"id": "3", "text": "comment faire un don ?", "lang": "fr", "expect": "don"}
{"id": "4", "text": "bonjour", "lang": "fr", "expect": null}
{"id": "5", "text": "quelle heure est-il à Tokyo ?", "lang": "fr", "expect": null}
`), 0o644)
	for _, args := range [][]string{
		{"faq", "eval", "--kb", exampleFAQ, labelled},
		{"faq", "eval", "--kb", exampleFAQ, "--matcher", "naive", labelled},
		{"faq", "eval", "--kb", exampleFAQ, labelled, "--folds", "2"},
	} {
		out, errs, code := runCLI(t, "", args...)
		if code != 0 || !strings.Contains(out, "in-scope top-1:") || !strings.Contains(out, "false answers:") || !strings.Contains(out, "overall accuracy:") {
			t.Fatalf("%v: %d %s %s", args, code, out, errs)
		}
	}
	cal := filepath.Join(dir, "cal.json")
	if out, errs, code := runCLI(t, "", "faq", "calibrate", "--kb", exampleFAQ, "-o", cal, labelled); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("calibrate: %d %s %s", code, out, errs)
	}
	if out, errs, code := runCLI(t, "", "faq", "eval", "--kb", exampleFAQ, "--calibration", cal, labelled); code != 0 {
		t.Fatalf("eval with calibration: %d %s %s", code, out, errs)
	}
	os.WriteFile(labelled, []byte(`{"id": "1", "text": "x", "expect": "no-such-entry"}`+"\n"), 0o644)
	if _, errs, code := runCLI(t, "", "faq", "eval", "--kb", exampleFAQ, labelled); code != 1 || !strings.Contains(errs, "q.jsonl:1:") {
		t.Errorf("unknown expect must name the line: %d %s", code, errs)
	}
}

// The bot refuses a calibration file it cannot use, naming the setting.
func TestNewMatcherCalibrationFromConfig(t *testing.T) {
	cfg := testDemoConfig(t)
	kb, err := loadKB(context.Background(), nil, exampleFAQ)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"features": ["x"], "weights": [1]}`), 0o644)
	cfg.Matcher.Calibration = bad
	if _, err := newMatcher(kb, cfg); err == nil || !strings.Contains(err.Error(), "[matcher] calibration") {
		t.Fatalf("want a calibration error, got %v", err)
	}
	cfg.Matcher.Calibration = ""
	cfg.Matcher.Threshold = 0.99
	m, err := newMatcher(kb, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res := m.Match("combien coûte la formation ?", ""); res.Entry == nil || res.Entry.ID != "formation-tarifs" {
		t.Fatalf("matcher from config: %+v", res)
	}
}

// The FAQ folder's glossary is used and shown by faq ask; --glossary
// replaces it, --no-glossary drops it; lint reports a broken one by line.
func TestFAQGlossaryOptions(t *testing.T) {
	out, errs, code := runCLI(t, "", "faq", "ask", "--kb", exampleFAQ, "mdp nuage perdu")
	if code != 0 || !regexp.MustCompile(`« nuage » → =cloud \(.*glossary\.txt:\d+\)`).MatchString(out) || !strings.Contains(out, "« mdp » → mot de passe (faq/lang/fr.txt:") {
		t.Fatalf("ask: %d %s %s", code, out, errs)
	}
	out, _, _ = runCLI(t, "", "faq", "ask", "--kb", exampleFAQ, "--no-glossary", "mdp nuage perdu")
	if strings.Contains(out, "=cloud") {
		t.Errorf("--no-glossary still reads the glossary:\n%s", out)
	}
	g := filepath.Join(t.TempDir(), "g.txt")
	os.WriteFile(g, []byte("Nuage = nébuleuse\n"), 0o644)
	out, _, _ = runCLI(t, "", "faq", "ask", "--kb", exampleFAQ, "--glossary", g, "mdp nébuleuse perdu")
	if !strings.Contains(out, "g.txt:1)") {
		t.Errorf("--glossary FILE is not read:\n%s", out)
	}
	dir := t.TempDir()
	os.CopyFS(dir, os.DirFS(exampleFAQ))
	os.WriteFile(filepath.Join(dir, "glossary.txt"), []byte("# ours\nNuage\n"), 0o644)
	out, _, code = runCLI(t, "", "faq", "lint", dir)
	if code == 0 || !strings.Contains(out, "glossary.txt:2: want") {
		t.Errorf("lint of a broken glossary: %d %s", code, out)
	}
}

// faq learn writes the missed questions into their entries, which still
// lint; --review writes them to a file instead; --replay measures.
func TestFAQLearn(t *testing.T) {
	dir := t.TempDir()
	os.CopyFS(dir, os.DirFS(exampleFAQ))
	labels := filepath.Join(t.TempDir(), "labels.jsonl")
	os.WriteFile(labels, []byte(`{"id": "a1", "text": "le truc pour rentrer dans mes fichiers en ligne ne veut plus de mon code", "lang": "fr", "expect": "nuage-mot-de-passe"}
{"id": "a2", "text": "mdp nuage perdu", "lang": "fr", "expect": "nuage-mot-de-passe"}
{"id": "t1", "text": "quelle heure est-il à Tokyo ?", "lang": "fr", "expect": null}
`), 0o644)
	review := filepath.Join(t.TempDir(), "review.md")
	out, errs, code := runCLI(t, "", "faq", "learn", "--kb", dir, "--review", review, labels)
	data, _ := os.ReadFile(review)
	if code != 0 || !strings.Contains(string(data), "## nuage-mot-de-passe") || !strings.Contains(string(data), "ne veut plus de mon code") || strings.Contains(string(data), "mdp nuage perdu") {
		t.Fatalf("learn --review: %d %s %s\n%s", code, out, errs, data)
	}
	out, errs, code = runCLI(t, "", "faq", "learn", "--kb", dir, labels)
	entry, _ := os.ReadFile(filepath.Join(dir, "fr", "nuage-mot-de-passe.md"))
	if code != 0 || !strings.Contains(string(entry), `- "le truc pour rentrer dans mes fichiers en ligne ne veut plus de mon code"`) || !strings.Contains(out, "too few") && !strings.Contains(out, "calibration:") {
		t.Fatalf("learn: %d %s %s\n%s", code, out, errs, entry)
	}
	if out, _, code := runCLI(t, "", "faq", "lint", dir); code != 0 {
		t.Errorf("the learnt entry does not lint: %s", out)
	}
	out, _, code = runCLI(t, "", "faq", "learn", "--kb", exampleFAQ, "--replay", labels)
	if code != 0 || !strings.Contains(out, "before learning") || !strings.Contains(out, "after learning") {
		t.Errorf("learn --replay: %d %s", code, out)
	}
}

// lint warns of a glossary line no entry uses, and checks --glossary FILE.
func TestFAQLintGlossaryWarnings(t *testing.T) {
	g := filepath.Join(t.TempDir(), "g.txt")
	os.WriteFile(g, []byte("Nuage = Nextcloud\nLe Grand Atelier = GA\n"), 0o644)
	out, errs, code := runCLI(t, "", "faq", "lint", "--glossary", g, exampleFAQ)
	if code != 0 || !strings.Contains(out, "warning: "+g+":2: no entry uses") || strings.Contains(out, g+":1:") {
		t.Errorf("lint --glossary: %d %s %s", code, out, errs)
	}
	os.WriteFile(g, []byte("Nuage\n"), 0o644)
	if out, errs, code := runCLI(t, "", "faq", "lint", "--glossary", g, exampleFAQ); code == 0 || !strings.Contains(out+errs, g+":1: want") {
		t.Errorf("lint of a broken --glossary: %d %s %s", code, out, errs)
	}
}
