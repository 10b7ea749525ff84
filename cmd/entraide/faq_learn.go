package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"codeberg.org/entraide/entraide/faq"
)

// faqLearn turns labelled questions (from "faq labels") into new
// phrasings of the entries, written into the entry files for a git diff
// (or into a review file), and proposes a calibration when the labels are
// enough and it lets no more false answers through than the built-in one.
func faqLearn(e *env, args []string) error {
	fs := newFlags("faq learn")
	var mf matcherFlags
	fs.StringVar(&mf.kb, "kb", "", "FAQ directory")
	mf.registerGlossary(fs)
	review := fs.String("review", "", "write the proposals to this Markdown file instead of the entry files")
	replay := fs.Bool("replay", false, "measure: learn from half the labels as usage, score the other half, and the reverse; nothing is written")
	calOut := fs.String("calibration-out", "", "where to write a proposed calibration, when the labels are enough for one")
	maxPer := fs.Int("max", faq.MaxLearnt, "phrasings proposed per entry at most")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"faq learn takes one labelled JSON Lines file (faq labels writes one)"}
	}
	if *maxPer < 1 {
		return usageError{"--max must be 1 or more"}
	}
	kb, _, qs, err := mf.loadWithLabels(e, pos[0])
	if err != nil {
		return err
	}
	if *replay {
		before, after, learnt := faq.Replay(kb, qs, faq.Options{})
		fmt.Fprintf(e.stdout, "replay of %s: each half played as usage (thanks when answered right, a pick when offered), "+
			"%d phrasings learnt, the other half scored\n", pos[0], learnt)
		printReport(e.stdout, "before learning", before, false)
		printReport(e.stdout, "after learning", after, false)
		return nil
	}
	m := faq.NewMatcher(kb, faq.Options{})
	props := faq.Learn(m, qs, *maxPer)
	n := 0
	for _, p := range props {
		n += len(p.Phrasings)
	}
	if *review != "" {
		if err := writeReview(*review, props); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%d new phrasings for %d entries written to %s\n", n, len(props), *review)
	} else {
		var byHand []faq.Proposal
		for _, p := range props {
			path := p.Entry.Path
			if !filepath.IsAbs(path) && !strings.HasPrefix(path, mf.kb) {
				path = filepath.Join(mf.kb, path)
			}
			data, err := os.ReadFile(path)
			if err == nil {
				if data, err = faq.AddQuestions(data, p.Phrasings); err == nil {
					err = os.WriteFile(path, data, 0o644)
				}
			}
			if err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", path, err)
				byHand = append(byHand, p)
				continue
			}
			fmt.Fprintf(e.stdout, "%s: %d new phrasings\n", path, len(p.Phrasings))
		}
		if len(byHand) > 0 {
			file := filepath.Join(mf.kb, "learnt-phrasings.md")
			if err := writeReview(file, byHand); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%d entries could not be edited: their proposals are in %s\n", len(byHand), file)
		}
		fmt.Fprintln(e.stdout, "review with git diff, then commit or drop each line")
	}
	return proposeCalibration(e, kb, qs, *calOut)
}

// writeReview writes proposals as a Markdown list per entry.
func writeReview(path string, props []faq.Proposal) error {
	var b strings.Builder
	b.WriteString("# Phrasings learnt from the bot's use\n\nCopy the ones you agree with into the entry's `questions:`.\n")
	for _, p := range props {
		fmt.Fprintf(&b, "\n## %s (%s)\n\n", p.Entry.ID, p.Entry.Title)
		for _, q := range p.Phrasings {
			fmt.Fprintf(&b, "- %q\n", q)
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// proposeCalibration fits a calibration on the labels when they are enough,
// and writes it only if, on those labels, it answers more questions right
// than the built-in one without letting more false answers through.
func proposeCalibration(e *env, kb *faq.KB, qs []faq.Query, out string) error {
	cal, ok, builtin, fitted := faq.Recalibrate(faq.NewMatcher(kb, faq.Options{}), qs)
	if builtin == nil {
		fmt.Fprintf(e.stdout, "calibration: a calibration of your own is worth proposing from %d labels expecting an entry and %d expecting none\n",
			faq.MinCalibrationInScope, faq.MinCalibrationNull)
		return nil
	}
	fmt.Fprintf(e.stdout, "calibration on your labels: top-1 %.1f %% (built-in %.1f %%), false answers %d (built-in %d)\n",
		100*fitted.Top1Rate(), 100*builtin.Top1Rate(), fitted.FalseAnswers, builtin.FalseAnswers)
	switch {
	case !ok:
		fmt.Fprintln(e.stdout, "calibration: the built-in one stays (yours would not do better without more false answers)")
	case out == "":
		fmt.Fprintln(e.stdout, "calibration: worth using; run again with --calibration-out FILE to write it")
	default:
		if err := cal.Save(out); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "calibration: wrote %s; set [matcher] calibration = %q and reload\n", out, out)
	}
	return nil
}
