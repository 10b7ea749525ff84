package faq

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestAcrossFAQs prints how a change to the decision generalises: each
// evaluation FAQ's sets scored with the built-in calibration, then a
// calibration fitted on one FAQ's sets scored on the other's, both ways.
// A change is worth keeping when it helps on the FAQ it was not fitted
// on. Sets i and j of Le Nid Libre stay out. Run it by hand:
//
//	ENTRAIDE_ACROSS=1 go test -run TestAcrossFAQs -v ./faq
func TestAcrossFAQs(t *testing.T) {
	if os.Getenv("ENTRAIDE_ACROSS") == "" {
		t.Skip("set ENTRAIDE_ACROSS=1 to score the decision across the two evaluation FAQs")
	}
	eval := evalDir()
	nid := loadWithGlossary(t, filepath.Join(eval, "kb"), "testdata/nidlibre-glossary.txt")
	second := loadWithGlossary(t, "testdata/kb2", "testdata/kb2-glossary.txt")
	dev := readQueryFiles(t, filepath.Join(eval, "dev.jsonl"))
	var others []string
	for _, x := range "abcdefgh" {
		others = append(others, fmt.Sprintf("testdata/set-%c.jsonl", x))
	}
	rest := readQueryFiles(t, append([]string{"testdata/fresh.jsonl"}, others...)...)
	setA, setC := readQueryFiles(t, "testdata/kb2/set-a.jsonl"), readQueryFiles(t, "testdata/kb2/set-c.jsonl")
	line := func(name string, r *Report) {
		t.Logf("%-32s top-1 %5.1f %%, false answers %4.1f %% (%d/%d), answer or suggest %5.1f %%, did you mean when no entry covers it %5.1f %%",
			name, 100*r.Top1Rate(), 100*r.FalseAnswerRate(), r.FalseAnswers, r.Null, 100*r.Coverage(), 100*ratio(r.NullSug, r.Null-r.ChitchatNull))
	}
	line("Le Nid Libre dev", Evaluate(nid, dev))
	line("Le Nid Libre fresh, a-h", Evaluate(nid, rest))
	line("second FAQ set-a", Evaluate(second, setA))
	line("second FAQ set-c", Evaluate(second, setC))
	fitNid := Fit(nid, append(append([]Query{}, dev...), rest...), DefaultTargets)
	fitSecond := Fit(second, append(append([]Query{}, setA...), setC...), DefaultTargets)
	line("fitted on Le Nid Libre: set-a", Evaluate(second.withCalibration(fitNid), setA))
	line("fitted on Le Nid Libre: set-c", Evaluate(second.withCalibration(fitNid), setC))
	line("fitted on the second: dev", Evaluate(nid.withCalibration(fitSecond), dev))
	line("fitted on the second: fresh, a-h", Evaluate(nid.withCalibration(fitSecond), rest))
}
