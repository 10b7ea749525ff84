package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/faq"
)

const faqUsage = `Usage: entraide faq COMMAND [options]

Tools for FAQ maintainers:
  entraide faq lint [--glossary FILE] DIR
      Check every entry under DIR and its glossary.txt (or FILE); print each
      problem as file:line: message, and warn of glossary lines no entry uses.
  entraide faq ask --kb DIR [--lang fr|en] [--calibration FILE] "question"
      Show the entry the bot would pick, its confidence and the runners-up,
      and which language pack or glossary line read each part of the question.
      ask, match, eval and calibrate read DIR's glossary.txt; --glossary FILE
      uses another file, --no-glossary none.
  entraide faq match --kb DIR [--calibration FILE]
      Read JSON Lines {"id","text","lang"} on stdin, write one line per input:
      {"id","match"(entry id or null),"score","suggestions","took_us"}.
  entraide faq eval --kb DIR [--matcher lexical|naive] [--folds N] [--calibration FILE] FILE.jsonl
      Score a labelled file ("expect": entry id or null): in-scope top-1,
      false answers on null lines, overall accuracy, coverage, and the misses.
      --folds N calibrates on N-1 parts and scores the one left out, in turn.
  entraide faq calibrate --kb DIR -o FILE [--max-false 0.04] FILE.jsonl
      Fit the confidence model and thresholds on a labelled file and write
      them to FILE, for [matcher] calibration in the config.
      eval and calibrate refuse a file whose "expect" ids are not served
      entries of DIR (unknown, or still a draft): each such line is listed
      as FILE:LINE on stderr and nothing is scored or written.
  entraide faq labels [--config FILE [--community NAME] | --db FILE] [--since DURATION]
      Write the questions the bot's history labels as a labelled JSON Lines
      file on stdout, for eval and calibrate: {"id","text","lang","expect"}
      only, no user names. Review it before use.
        answer-N  expect the entry answered: a FAQ answer with more helpful
                  votes (👍, "merci") than unhelpful ones (👎, "ça marche
                  pas"), or an entry the asker picked by number from a "did
                  you mean" or "voir aussi" list (a helpful vote, unless the
                  asker voted after); the text is the question as asked.
        ticket-N  expect null: a question the FAQ could not answer that a
                  mentor answered. Expect the draft's entry id when the
                  ticket was turned into a FAQ draft (!faq, tickets to-faq);
                  calibrate accepts it once the draft is published.
      Left out, as no reliable label: answers without votes or with as many
      unhelpful votes as helpful ones (a 👎 says the entry was wrong, not
      which one is right), tickets not answered yet or closed without an
      answer, tickets about an unhelpful answer without a draft, texts
      erased by the retention policy. A question asked again in the same
      words with the same label is kept once. Warnings (on stderr) name the
      lines calibrate will refuse and the questions given two labels.
      --since 30d keeps the last 30 days; --config reads the database and
      FAQ paths from the config, --db uses that database (default: the
      demo's) with the example FAQ.
  entraide faq learn --kb DIR [--review FILE] [--calibration-out FILE] FILE.jsonl
      Add the labelled questions (faq labels) to their entries' questions:
      lines when the bot did not answer them with that entry, at most --max (5)
      per entry and none the entry already says, for review with git diff (--review FILE
      writes a list instead). With enough labels (150 expecting an entry, 30
      none), propose a calibration fitted on them when it answers more right
      than the built-in one with no more false answers.
      --replay measures the loop instead: half the labels played as usage,
      the other half scored before and after, and the reverse.`

func faqCommand() *subcommand {
	return &subcommand{
		name:    "faq",
		summary: "lint the FAQ, try questions, measure and calibrate the matcher, export labels and learn from them",
		usage:   faqUsage,
		run:     runFAQ,
	}
}

func runFAQ(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"missing command (lint, ask, match, eval, calibrate, labels, learn)"}
	}
	switch args[0] {
	case "lint":
		return faqLint(e, args[1:])
	case "ask":
		return faqAsk(e, args[1:])
	case "match":
		return faqMatch(ctx, e, args[1:])
	case "eval":
		return faqEval(e, args[1:])
	case "calibrate":
		return faqCalibrate(e, args[1:])
	case "labels":
		return faqLabels(ctx, e, args[1:])
	case "learn":
		return faqLearn(e, args[1:])
	case "-h", "--help", "help":
		return flag.ErrHelp
	}
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}

// parseInterspersed parses flags that may come after positional arguments
// ("faq eval FILE --folds 5").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func faqLint(e *env, args []string) error {
	fs := newFlags("faq lint")
	glossary := fs.String("glossary", "", "check this glossary file with DIR instead of DIR's "+faq.GlossaryFile)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"faq lint takes one FAQ directory"}
	}
	kb, err := faq.LoadDir(pos[0])
	if err != nil {
		var probs faq.Problems
		if errors.As(err, &probs) {
			for _, p := range probs {
				fmt.Fprintln(e.stdout, p.Error())
			}
			return fmt.Errorf("%d problem(s) in %s", len(probs), pos[0])
		}
		return err
	}
	if *glossary != "" {
		if kb.Glossary, err = faq.LoadGlossary(*glossary); err != nil {
			return err
		}
		if kb.Glossary == nil {
			return fmt.Errorf("glossary %s: file not found", *glossary)
		}
	}
	served := len(kb.Served())
	fmt.Fprintf(e.stdout, "%s: %d entries OK (%d served, %d drafts)\n", pos[0], len(kb.Entries), served, len(kb.Entries)-served)
	if g := kb.Glossary; g != nil {
		fmt.Fprintf(e.stdout, "%s: %d names of the same things, %d pairs told apart\n", g.File, len(g.Same), len(g.Apart))
		for _, p := range append(g.Warnings, faq.NewMatcher(kb, faq.Options{}).GlossaryUnused()...) {
			fmt.Fprintf(e.stdout, "warning: %s\n", p.Error())
		}
	}
	return nil
}

// matcherFlags are the options shared by the commands that match.
type matcherFlags struct {
	kb, calibration, matcher string
	glossary                 string // a glossary file instead of the KB's own
	noGlossary               bool
}

func (mf *matcherFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&mf.kb, "kb", "", "FAQ directory")
	fs.StringVar(&mf.calibration, "calibration", "", "calibration file written by \"faq calibrate\"")
	mf.registerGlossary(fs)
}

func (mf *matcherFlags) registerGlossary(fs *flag.FlagSet) {
	fs.StringVar(&mf.glossary, "glossary", "", "glossary file to use instead of the FAQ directory's "+faq.GlossaryFile)
	fs.BoolVar(&mf.noGlossary, "no-glossary", false, "ignore the FAQ directory's glossary (language packs only)")
}

func (mf *matcherFlags) load() (*faq.KB, *faq.Calibration, error) {
	if mf.kb == "" {
		return nil, nil, usageError{"--kb DIR is required"}
	}
	kb, err := faq.LoadDir(mf.kb)
	if err != nil {
		return nil, nil, fmt.Errorf("FAQ %s has problems:\n%w", mf.kb, err)
	}
	switch {
	case mf.noGlossary && mf.glossary != "":
		return nil, nil, usageError{"--glossary and --no-glossary exclude each other"}
	case mf.noGlossary:
		kb.Glossary = nil
	case mf.glossary != "":
		g, err := faq.LoadGlossary(mf.glossary)
		if err != nil {
			return nil, nil, err
		}
		if g == nil {
			return nil, nil, fmt.Errorf("glossary %s: file not found", mf.glossary)
		}
		kb.Glossary = g
	}
	var cal *faq.Calibration
	if mf.calibration != "" {
		if cal, err = faq.LoadCalibration(mf.calibration); err != nil {
			return nil, nil, err
		}
	}
	return kb, cal, nil
}

func faqAsk(e *env, args []string) error {
	fs := newFlags("faq ask")
	var mf matcherFlags
	mf.register(fs)
	lang := fs.String("lang", "", "language hint (fr or en)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"missing question"}
	}
	kb, cal, err := mf.load()
	if err != nil {
		return err
	}
	m := faq.NewMatcher(kb, faq.Options{Calibration: cal})
	q := strings.Join(pos, " ")
	a := m.Analyze(q, *lang)
	res := m.Match(q, *lang)
	w := e.stdout
	fmt.Fprintf(w, "question:   %s\nlanguage:   %s\n", q, a.Lang)
	if a.Chitchat != "" {
		fmt.Fprintf(w, "small talk: %s (never answered from the FAQ)\n", a.Chitchat)
		return nil
	}
	fmt.Fprintf(w, "terms:      %s\n", strings.Join(a.Terms, " "))
	for _, r := range m.Explain(q) {
		fmt.Fprintf(w, "  read:     « %s » → %s (%s)\n", r.Words, r.Became, r.Source)
	}
	if len(a.Unknown) > 0 {
		fmt.Fprintf(w, "unknown:    %s (in no entry)\n", strings.Join(a.Unknown, " "))
	}
	fmt.Fprintf(w, "decision:   %s (confidence %.2f)\n", res.Decision, res.Score)
	if res.Entry != nil {
		fmt.Fprintf(w, "best:       %s — %s\n", res.Entry.ID, res.Entry.Title)
		if v := a.Veto(); v != "" {
			fmt.Fprintf(w, "not an answer: %s\n", v)
		}
	}
	if res.Decision == faq.Suggest {
		printEntries(w, "did you mean:", res.Suggestions)
	}
	if len(res.SeeAlso) > 0 {
		printEntries(w, "see also (a close call, offered under the answer):", res.SeeAlso)
	}
	f := a.Features
	fmt.Fprintf(w, "signals:    score %.2f, coverage %.2f (title/questions/tags %.2f), margin %.2f, unknown %.2f, specific %.2f, missing %.2f\n",
		f.Norm, f.Coverage, f.Strong, f.Margin, f.UnknownWeight, f.Specific, f.Missing)
	fmt.Fprintln(w, "ranking:")
	for i, c := range a.Candidates {
		if i == 5 {
			break
		}
		fmt.Fprintf(w, "  %5.2f  cover %.2f  %s (%s)\n", c.Score, c.Coverage, c.Entry.ID, c.Entry.Lang)
	}
	return nil
}

// matchLine is the JSON Lines contract of "faq match".
type matchLine struct {
	ID          string   `json:"id"`
	Match       *string  `json:"match"`
	Score       float64  `json:"score"`
	Suggestions []string `json:"suggestions"`
	TookUS      int64    `json:"took_us"`
}

func faqMatch(ctx context.Context, e *env, args []string) error {
	fs := newFlags("faq match")
	var mf matcherFlags
	mf.register(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"faq match reads questions on stdin and takes no argument"}
	}
	start := time.Now()
	kb, cal, err := mf.load()
	if err != nil {
		return err
	}
	m := faq.NewMatcher(kb, faq.Options{Calibration: cal})
	fmt.Fprintf(e.stderr, "loaded %d entries in %s\n", len(kb.Served()), time.Since(start).Round(time.Microsecond))
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	line := 0
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		qs, err := faq.ReadQueries(strings.NewReader(text), "stdin", false)
		if err != nil {
			return fmt.Errorf("stdin:%d: %v", line, strings.TrimPrefix(err.Error(), "stdin:1: "))
		}
		q := qs[0]
		t0 := time.Now()
		res := m.Match(q.Text, q.Lang)
		took := time.Since(t0)
		ml := matchLine{ID: q.ID, Score: round3(res.Score), Suggestions: []string{}, TookUS: took.Microseconds()}
		if res.Decision == faq.Answer && res.Entry != nil {
			id := res.Entry.ID
			ml.Match = &id
		}
		// what the asker is offered: "did you mean", or the close runners-up
		// under an answer
		offered := res.SeeAlso
		if res.Decision == faq.Suggest {
			offered = res.Suggestions
		}
		ml.Suggestions = append(ml.Suggestions, entryIDs(offered)...)
		if err := enc.Encode(ml); err != nil {
			return err
		}
	}
	return sc.Err()
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

func readLabelled(path string) ([]faq.Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return faq.ReadQueries(f, path, true)
}

// printEntries lists entries under a heading, numbered as the asker sees
// them.
func printEntries(w io.Writer, heading string, es []*faq.Entry) {
	fmt.Fprintln(w, heading)
	for i, e := range es {
		fmt.Fprintf(w, "  %d. %s — %s\n", i+1, e.ID, e.Title)
	}
}

// entryIDs lists the ids of entries.
func entryIDs(es []*faq.Entry) []string {
	var ids []string
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

// loadWithLabels loads the KB and calibration of the flags and the labelled
// questions of path, checking that every expected id is a served entry of
// the KB: the others are listed on stderr.
func (mf *matcherFlags) loadWithLabels(e *env, path string) (*faq.KB, *faq.Calibration, []faq.Query, error) {
	kb, cal, err := mf.load()
	if err != nil {
		return nil, nil, nil, err
	}
	qs, err := readLabelled(path)
	if err != nil {
		return nil, nil, nil, err
	}
	if bad := checkExpect(kb, qs, path, mf.kb); len(bad) > 0 {
		for _, b := range bad {
			fmt.Fprintln(e.stderr, b)
		}
		return nil, nil, nil, fmt.Errorf("%s: %d line(s) expect an entry that %s does not serve (listed above): "+
			"fix or remove them, or publish the drafts", path, len(bad), mf.kb)
	}
	return kb, cal, qs, nil
}

// checkExpect lists, as file:line messages, the lines whose expected entry
// the matcher can never give: unknown to the KB, or a draft. Scored anyway,
// they would only count as misses and pull the calibration down.
func checkExpect(kb *faq.KB, qs []faq.Query, path, dir string) []string {
	var bad []string
	for _, q := range qs {
		if q.Expect == "" {
			continue
		}
		switch en, ok := kb.Get(q.Expect); {
		case !ok:
			bad = append(bad, fmt.Sprintf("%s:%d: expect %q is not an entry of the FAQ in %s", path, q.Line, q.Expect, dir))
		case en.Draft:
			bad = append(bad, fmt.Sprintf("%s:%d: expect %q is a draft (draft: true in %s), never served", path, q.Line, q.Expect, en.Path))
		}
	}
	return bad
}

func faqEval(e *env, args []string) error {
	fs := newFlags("faq eval")
	var mf matcherFlags
	mf.register(fs)
	fs.StringVar(&mf.matcher, "matcher", "lexical", "lexical (the bot's) or naive (word-overlap baseline)")
	folds := fs.Int("folds", 0, "cross-validate the calibration over N folds")
	maxFalse := fs.Float64("max-false", faq.DefaultTargets.MaxFalseAnswer, "with --folds: tolerated false-answer rate when calibrating")
	quiet := fs.Bool("q", false, "figures only, no list of misses")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"faq eval takes one labelled JSON Lines file"}
	}
	kb, cal, qs, err := mf.loadWithLabels(e, pos[0])
	if err != nil {
		return err
	}
	var rep *faq.Report
	label := mf.matcher
	switch {
	case mf.matcher == "naive":
		rep = faq.Evaluate(faq.NewNaiveMatcher(kb), qs)
	case mf.matcher != "lexical":
		return usageError{"--matcher must be lexical or naive"}
	case *folds > 1:
		rep = faq.CrossValidate(kb, qs, *folds, faq.Targets{MaxFalseAnswer: *maxFalse})
		label = fmt.Sprintf("lexical, %d-fold cross-validated calibration", *folds)
	default:
		rep = faq.Evaluate(faq.NewMatcher(kb, faq.Options{Calibration: cal}), qs)
	}
	printReport(e.stdout, label, rep, !*quiet)
	return nil
}

func printReport(w io.Writer, label string, r *faq.Report, misses bool) {
	if misses {
		fmt.Fprintln(w, "misses (id: expected → got):")
		for _, o := range r.Outcomes {
			if o.Correct {
				continue
			}
			exp := o.Query.Expect
			if exp == "" {
				exp = "null"
			}
			got := "abstain"
			switch {
			case o.Result.Chitchat != "":
				got = "small talk " + o.Result.Chitchat
			case o.Result.Decision == faq.Answer:
				got = o.Result.Entry.ID
				if len(o.Result.SeeAlso) > 0 {
					got += ", see also " + strings.Join(entryIDs(o.Result.SeeAlso), ", ")
				}
			case o.Result.Decision == faq.Suggest:
				got = "suggest " + strings.Join(entryIDs(o.Result.Suggestions), ", ")
			case o.Result.Entry != nil:
				got = "abstain (best " + o.Result.Entry.ID + ")"
			}
			fmt.Fprintf(w, "  %s: %s → %s (%.2f)  %q\n", o.Query.ID, exp, got, o.Result.Score, o.Query.Text)
		}
		fmt.Fprintln(w)
	}
	var took []time.Duration
	for _, o := range r.Outcomes {
		took = append(took, o.Took)
	}
	fmt.Fprintf(w, "matcher:            %s\n", label)
	fmt.Fprintf(w, "lines:              %d (%d in scope, %d expect null)\n", r.InScope+r.Null, r.InScope, r.Null)
	fmt.Fprintf(w, "in-scope top-1:     %5.1f %% (%d/%d)\n", 100*r.Top1Rate(), r.Top1, r.InScope)
	fmt.Fprintf(w, "false answers:      %5.1f %% (%d/%d null lines answered)\n", 100*r.FalseAnswerRate(), r.FalseAnswers, r.Null)
	fmt.Fprintf(w, "overall accuracy:   %5.1f %% (%d/%d)\n", 100*r.Overall(), r.Correct, r.InScope+r.Null)
	fmt.Fprintf(w, "answer or suggest:  %5.1f %% (%d/%d in-scope lines; %d suggested, %d abstained)\n",
		100*r.Coverage(), r.Covered, r.InScope, r.Suggested, r.Abstained)
	fmt.Fprintf(w, "ranking alone:      top-1 %.1f %%, top-3 %.1f %% (before the decision to answer)\n",
		100*float64(r.Ranked1)/float64(max(r.InScope, 1)), 100*float64(r.Ranked3)/float64(max(r.InScope, 1)))
	fmt.Fprintf(w, "null lines:         %d small talk, %d got suggestions\n", r.ChitchatNull, r.NullSug)
	if langs := r.ByLang(); len(langs) > 1 {
		var parts []string
		for _, l := range langs {
			name := l.Lang
			if name == "" {
				name = "no lang"
			}
			parts = append(parts, fmt.Sprintf("%s top-1 %.1f %%, ranked first %.1f %% (%d)", name,
				100*float64(l.Top1)/float64(l.InScope), 100*float64(l.Ranked1)/float64(l.InScope), l.InScope))
		}
		fmt.Fprintf(w, "by language:        %s\n", strings.Join(parts, "; "))
	}
	if len(took) > 0 && took[len(took)-1] > 0 {
		sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
		fmt.Fprintf(w, "match time:         p50 %s, p99 %s\n", took[len(took)/2], took[len(took)*99/100])
	}
}

func faqCalibrate(e *env, args []string) error {
	fs := newFlags("faq calibrate")
	var mf matcherFlags
	fs.StringVar(&mf.kb, "kb", "", "FAQ directory")
	mf.registerGlossary(fs)
	out := fs.String("o", "", "calibration file to write")
	maxFalse := fs.Float64("max-false", faq.DefaultTargets.MaxFalseAnswer, "tolerated share of answered null lines")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"faq calibrate takes one labelled JSON Lines file"}
	}
	if *out == "" {
		return usageError{"-o FILE is required"}
	}
	kb, _, qs, err := mf.loadWithLabels(e, pos[0])
	if err != nil {
		return err
	}
	m := faq.NewMatcher(kb, faq.Options{})
	cal := faq.Fit(m, qs, faq.Targets{MaxFalseAnswer: *maxFalse})
	if err := cal.Save(*out); err != nil {
		return err
	}
	rep := faq.Evaluate(faq.NewMatcher(kb, faq.Options{Calibration: &cal}), qs)
	fmt.Fprintf(e.stdout, "wrote %s: answer at confidence >= %.3f, suggest at >= %.3f\n", *out, cal.Threshold, cal.Suggest)
	fmt.Fprintf(e.stdout, "on %s (the fitting data, so optimistic; see \"faq eval --folds 5\"):\n", pos[0])
	printReport(e.stdout, "lexical, calibrated", rep, false)
	return nil
}
