package faq

import (
	"os"
	"path/filepath"
	"testing"
)

// TestAccuracyOnSharedEval scores the matcher on the labelled evaluation
// set kept beside the repository (../shared/eval) and fails when the
// figures fall under floors set a little below what the matcher reaches.
func TestAccuracyOnSharedEval(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval")
	if _, err := os.Stat(filepath.Join(dir, "dev.jsonl")); err != nil {
		t.Skipf("no evaluation set at %s (it sits beside the repository in CI): accuracy not measured", dir)
	}
	kb, err := LoadDir(filepath.Join(dir, "kb"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "dev.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQueries(f, "dev.jsonl", true)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, r *Report, top1, maxFalse, coverage, rank1 float64) {
		t.Logf("%s: top-1 %.1f %%, false answers %.1f %%, overall %.1f %%, answer or suggest %.1f %%, ranked first %.1f %%",
			name, 100*r.Top1Rate(), 100*r.FalseAnswerRate(), 100*r.Overall(), 100*r.Coverage(), 100*ratio(r.Ranked1, r.InScope))
		if r.Top1Rate() < top1 || r.FalseAnswerRate() > maxFalse || r.Coverage() < coverage || ratio(r.Ranked1, r.InScope) < rank1 {
			t.Errorf("%s regressed: floors are top-1 >= %.0f %%, false answers <= %.0f %%, answer or suggest >= %.0f %%, ranked first >= %.0f %%",
				name, 100*top1, 100*maxFalse, 100*coverage, 100*rank1)
		}
	}
	check("built-in calibration", Evaluate(NewMatcher(kb, Options{}), qs), 0.82, 0.05, 0.92, 0.88)
	check("5-fold cross-validation", CrossValidate(kb, qs, 5, DefaultTargets), 0.82, 0.05, 0.92, 0.88)
	for _, o := range Evaluate(NewMatcher(kb, Options{}), qs).Outcomes {
		if o.Result.Chitchat != "" && o.Query.Expect != "" {
			t.Errorf("%s: a question taken for small talk: %q", o.Query.ID, o.Query.Text)
		}
	}
}
