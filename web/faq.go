package web

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/tickets"
)

type gapGroup struct {
	Heading string
	IDs     []int64
	Items   []ticketRow
}

type gapsData struct {
	Days   int
	Intro  string
	Groups []gapGroup
}

const defaultGapDays = 30

// gapsPage groups the questions of the last N days that the FAQ could not
// answer, with the grouping of "entraide report".
func (s *Server) gapsPage(q *req) {
	days := defaultGapDays
	if n, err := strconv.Atoi(q.r.URL.Query().Get("days")); err == nil && n >= 1 && n <= 3650 {
		days = n
	}
	d, err := s.gaps(q, days)
	if err != nil {
		s.internal(q, err)
		return
	}
	s.render(q, http.StatusOK, "gaps", s.view(q, "gaps", q.say("gaps.title"), d))
}

func (s *Server) gaps(q *req, days int) (*gapsData, error) {
	ts, err := q.c.Records.Tickets(q.r.Context(), tickets.Filter{})
	if err != nil {
		return nil, err
	}
	now := s.o.Now()
	since := now.AddDate(0, 0, -days)
	byID := map[int64]*tickets.Ticket{}
	var recent []*tickets.Ticket
	for _, t := range ts {
		if t.Created.After(since) {
			recent = append(recent, t)
			byID[t.ID] = t
		}
	}
	d := &gapsData{Days: days, Intro: q.say("gaps.intro", days)}
	for _, c := range tickets.ClusterQuestions(recent, 0.2) {
		g := gapGroup{IDs: c.Tickets, Heading: q.say("gaps.group", len(c.Tickets), excerpt(c.Questions[0], 80))}
		for _, id := range c.Tickets {
			g.Items = append(g.Items, s.row(q, byID[id], now))
		}
		d.Groups = append(d.Groups, g)
	}
	return d, nil
}

// gapsDraft writes one draft entry from a group's tickets.
func (s *Server) gapsDraft(q *req) {
	var ids []int64
	for _, v := range q.r.PostForm["t"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			s.fail(q, http.StatusBadRequest, bot.T(q.lang, "ticket.bad_number", v))
			return
		}
		ids = append(ids, id)
	}
	days := defaultGapDays
	if n, err := strconv.Atoi(q.r.PostFormValue("days")); err == nil && n >= 1 && n <= 3650 {
		days = n
	}
	path, err := q.c.Actions.DraftGroup(q.r.Context(), ids, q.actor)
	d, gerr := s.gaps(q, days)
	if gerr != nil {
		s.internal(q, gerr)
		return
	}
	v := s.view(q, "gaps", q.say("gaps.title"), d)
	if code, msg, ok := s.refusal(q, err); !ok {
		return
	} else if msg != "" {
		v.Error = msg
		s.render(q, code, "gaps", v)
		return
	}
	v.Flash = q.say("done.draft", filepath.Base(path))
	s.render(q, http.StatusOK, "gaps", v)
}

// refusal sorts an action's error: nil (ok, no message), a refusal to show
// (its status and message), or a failure already answered (ok false).
func (s *Server) refusal(q *req, err error) (int, string, bool) {
	var te *tickets.Refusal
	switch {
	case err == nil:
		return 0, "", true
	case errors.Is(err, tickets.ErrNoTicket):
		return http.StatusNotFound, q.say("err.not_found"), true
	case errors.As(err, &te):
		return http.StatusConflict, bot.T(q.lang, te.Key, te.Args...), true
	}
	s.internal(q, err)
	return 0, "", false
}

type entryRow struct {
	ID, Title, Lang string
	Answers, Thanks int
	Up, Down        int
	Rejected        []ticketRow
}

type faqData struct {
	HasKB   bool
	Entries []entryRow
	Unused  []entryRow
	Drafts  []string
}

// faqPage shows how each entry is received, the entries never given and
// the drafts waiting for review.
func (s *Server) faqPage(q *req) {
	ctx := q.r.Context()
	_, kb := q.c.Chat.FAQ()
	d := &faqData{HasKB: kb != nil}
	stats, err := q.c.Records.FeedbackStats(ctx)
	if err != nil {
		s.internal(q, err)
		return
	}
	votes := map[string]tickets.FeedbackStat{}
	for _, st := range stats {
		votes[st.EntryID] = st
	}
	answers, thanks, err := q.c.Records.EntryUsage(ctx)
	if err != nil {
		s.internal(q, err)
		return
	}
	ts, err := q.c.Records.Tickets(ctx, tickets.Filter{})
	if err != nil {
		s.internal(q, err)
		return
	}
	now := s.o.Now()
	rejected := map[string][]ticketRow{}
	for _, t := range ts {
		if t.Origin == tickets.OriginFeedback && t.EntryID != "" {
			rejected[t.EntryID] = append(rejected[t.EntryID], s.row(q, t, now))
		}
	}
	if kb != nil {
		for _, e := range kb.Entries {
			if e.Draft {
				d.Drafts = append(d.Drafts, e.ID+" — "+e.Title)
				continue
			}
			r := entryRow{ID: e.ID, Title: e.Title, Lang: e.Lang, Answers: answers[e.ID], Thanks: thanks[e.ID],
				Up: votes[e.ID].Helpful, Down: votes[e.ID].NotHelpful, Rejected: rejected[e.ID]}
			d.Entries = append(d.Entries, r)
			if r.Answers == 0 {
				d.Unused = append(d.Unused, r)
			}
		}
	}
	sort.SliceStable(d.Entries, func(i, j int) bool {
		a, b := d.Entries[i], d.Entries[j]
		if a.Down+len(a.Rejected) != b.Down+len(b.Rejected) {
			return a.Down+len(a.Rejected) > b.Down+len(b.Rejected)
		}
		return a.Answers > b.Answers
	})
	d.Drafts = append(d.Drafts, draftFiles(q.c.DraftsDir, kb)...)
	s.render(q, http.StatusOK, "faq", s.view(q, "faq", q.say("faq.title"), d))
}

// draftFiles lists the files of the drafts folder that the FAQ did not
// load (when the folder is outside faq_dir).
func draftFiles(dir string, kb *faq.KB) []string {
	if dir == "" {
		return nil
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, de := range des {
		id, ok := strings.CutSuffix(de.Name(), ".md")
		if !ok || de.IsDir() {
			continue
		}
		if kb != nil {
			if _, loaded := kb.Get(id); loaded {
				continue
			}
		}
		out = append(out, filepath.Join(dir, de.Name()))
	}
	return out
}
