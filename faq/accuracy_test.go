package faq

import (
	"os"
	"path/filepath"
	"testing"
)

// TestAccuracyOnSharedEval scores the matcher on ten labelled sets for the
// evaluation KB kept beside the repository (../shared/eval): its dev.jsonl,
// testdata/fresh.jsonl, written by someone else without seeing dev, and
// testdata/set-a.jsonl to set-h.jsonl, written by eight more writers in
// dev's mix with more near-neighbour traps and questions the FAQ does not
// answer (e to h imitate dev's writer most closely). It fails when a figure falls under a floor set a little below
// what the matcher reaches.
func TestAccuracyOnSharedEval(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval")
	if _, err := os.Stat(filepath.Join(dir, "dev.jsonl")); err != nil {
		t.Skipf("no evaluation set at %s (it sits beside the repository in CI): accuracy not measured", dir)
	}
	kb, err := LoadDir(filepath.Join(dir, "kb"))
	if err != nil {
		t.Fatal(err)
	}
	// the shared folder is read-only: its glossary is kept here
	if kb.Glossary, err = LoadGlossary(filepath.Join("testdata", "nidlibre-glossary.txt")); err != nil || kb.Glossary == nil {
		t.Fatalf("glossary: %v", err)
	}
	read := func(path string) []Query {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		qs, err := ReadQueries(f, filepath.Base(path), true)
		if err != nil {
			t.Fatal(err)
		}
		return qs
	}
	dev := read(filepath.Join(dir, "dev.jsonl"))
	fresh := read(filepath.Join("testdata", "fresh.jsonl"))
	setA := read(filepath.Join("testdata", "set-a.jsonl"))
	setB := read(filepath.Join("testdata", "set-b.jsonl"))
	setC := read(filepath.Join("testdata", "set-c.jsonl"))
	setD := read(filepath.Join("testdata", "set-d.jsonl"))
	setE := read(filepath.Join("testdata", "set-e.jsonl"))
	setF := read(filepath.Join("testdata", "set-f.jsonl"))
	setG := read(filepath.Join("testdata", "set-g.jsonl"))
	setH := read(filepath.Join("testdata", "set-h.jsonl"))
	var devLike []Query
	for _, s := range [][]Query{setE, setF, setG, setH} {
		devLike = append(devLike, s...)
	}
	// sets i and j were kept out of everything (lexicon work, calibration)
	// and scored once with the finished matcher: the honest estimate for a
	// new community's questions. Keep them out of tuning.
	heldOut := append(read(filepath.Join("testdata", "set-i.jsonl")), read(filepath.Join("testdata", "set-j.jsonl"))...)
	var harder []Query
	for _, s := range [][]Query{setA, setB, setC, setD} {
		harder = append(harder, s...)
	}
	all := append(append(append(append([]Query{}, dev...), fresh...), harder...), devLike...)
	check := func(name string, r *Report, top1, maxFalse, coverage, rank1 float64) {
		t.Logf("%s: top-1 %.1f %%, false answers %.1f %%, overall %.1f %%, answer or suggest %.1f %%, ranked first %.1f %%",
			name, 100*r.Top1Rate(), 100*r.FalseAnswerRate(), 100*r.Overall(), 100*r.Coverage(), 100*ratio(r.Ranked1, r.InScope))
		if r.Top1Rate() < top1 || r.FalseAnswerRate() > maxFalse || r.Coverage() < coverage || ratio(r.Ranked1, r.InScope) < rank1 {
			t.Errorf("%s regressed: floors are top-1 >= %.0f %%, false answers <= %.0f %%, answer or suggest >= %.0f %%, ranked first >= %.0f %%",
				name, 100*top1, 100*maxFalse, 100*coverage, 100*rank1)
		}
	}
	builtin := NewMatcher(kb, Options{})
	check("dev, built-in calibration", Evaluate(builtin, dev), 0.73, 0.05, 0.92, 0.90)
	check("fresh, built-in calibration", Evaluate(builtin, fresh), 0.62, 0.10, 0.89, 0.92)
	check("dev, 5-fold cross-validation", CrossValidate(kb, dev, 5, DefaultTargets), 0.83, 0.05, 0.92, 0.90)
	check("sets a to d, built-in calibration", Evaluate(builtin, harder), 0.37, 0.06, 0.84, 0.81)
	check("sets e to h, built-in calibration", Evaluate(builtin, devLike), 0.47, 0.10, 0.85, 0.79)
	check("sets i and j, held out, built-in calibration", Evaluate(builtin, heldOut), 0.53, 0.08, 0.86, 0.80)
	check("all ten, 5-fold cross-validation", CrossValidate(kb, all, 5, DefaultTargets), 0.45, 0.06, 0.86, 0.84)
	// a second FAQ, of another kind of community, whose sets were never
	// fitted on: how the matcher generalises
	kb2, err := LoadDir(filepath.Join("testdata", "kb2"))
	if err != nil {
		t.Fatal(err)
	}
	if kb2.Glossary, err = LoadGlossary(filepath.Join("testdata", "kb2-glossary.txt")); err != nil || kb2.Glossary == nil {
		t.Fatalf("kb2 glossary: %v", err)
	}
	sets2, _ := filepath.Glob(filepath.Join("testdata", "kb2", "*.jsonl"))
	var second []Query
	for _, f := range sets2 {
		second = append(second, read(f)...)
	}
	check("second FAQ, built-in calibration", Evaluate(NewMatcher(kb2, Options{}), second), 0.48, 0.08, 0.78, 0.72)
	for _, o := range Evaluate(builtin, all).Outcomes {
		if o.Result.Chitchat != "" && o.Query.Expect != "" {
			t.Errorf("%s: a question taken for small talk: %q", o.Query.ID, o.Query.Text)
		}
	}
}
