package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/example"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/tickets"
)

// labelLine is one line of the labelled JSON Lines format read by "faq eval"
// and "faq calibrate": nothing about who asked.
type labelLine struct {
	ID     string  `json:"id"`
	Text   string  `json:"text"`
	Lang   string  `json:"lang,omitempty"`
	Expect *string `json:"expect"`
}

// faqLabels writes the questions the history labels (see tickets.Labels and the
// usage of "faq") on stdout; warnings go to stderr.
func faqLabels(ctx context.Context, e *env, args []string) error {
	fs := newFlags("faq labels")
	sf := addStoreFlags(fs)
	sinceFlag := fs.String("since", "", "only the questions of this last period (30d, 12h)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"faq labels takes no argument: " + pos[0]}
	}
	var since time.Time
	if *sinceFlag != "" {
		d, err := config.ParseDuration(*sinceFlag)
		if err != nil || d <= 0 {
			return usageError{fmt.Sprintf("--since %q: want a duration such as 30d or 12h", *sinceFlag)}
		}
		since = time.Now().Add(-d)
	}
	db, _, embedded, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	answers, asked, err := db.LabelHistory(ctx, since)
	if err != nil {
		return err
	}

	var kb *faq.KB
	kbName := db.comm.FAQDir
	if embedded {
		kb, err = faq.LoadFS(example.FAQ())
		kbName = "the example FAQ"
	} else {
		kb, err = faq.LoadDir(db.comm.FAQDir)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "warning: FAQ %s not loaded, expected entries not checked: %v\n", kbName, err)
		kb = nil
	}
	var published func(string) bool
	if kb != nil {
		published = func(id string) bool {
			en, ok := kb.Get(id)
			return ok && !en.Draft
		}
	}
	labels := tickets.Labels(answers, asked, published)

	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	first := map[string]string{} // question → id of its first label
	var inScope int
	for _, l := range labels {
		line := labelLine{ID: l.ID, Text: l.Text, Lang: l.Lang}
		if l.Expect != "" {
			expect := l.Expect
			line.Expect = &expect
			inScope++
			if kb != nil {
				switch en, ok := kb.Get(l.Expect); {
				case !ok:
					fmt.Fprintf(e.stderr, "warning: %s expects %q, which is not an entry of %s: eval and calibrate refuse the line\n",
						l.ID, l.Expect, kbName)
				case en.Draft:
					fmt.Fprintf(e.stderr, "warning: %s expects %q, still a draft (%s): eval and calibrate refuse the line until it is published\n",
						l.ID, l.Expect, en.Path)
				}
			}
		}
		key := tickets.SameQuestion(l.Text)
		if id, ok := first[key]; ok {
			fmt.Fprintf(e.stderr, "warning: %s and %s ask the same question with different labels: keep the right one\n", id, l.ID)
		} else {
			first[key] = l.ID
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d labelled questions from %s: %d expect an entry, %d expect no answer\n",
		len(labels), db.db.Where(), inScope, len(labels)-inScope)
	return nil
}
