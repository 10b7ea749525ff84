package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
)

func communityTicket(room bot.Room, q string, at time.Time) *tickets.Ticket {
	return &tickets.Ticket{Origin: tickets.OriginUnanswered, Room: room, Asker: bot.User{ID: "alice"}, Question: q,
		Lang: "fr", Created: at, Updated: at}
}

// Each community numbers its tickets from 1 and sees, changes and counts
// only its own; the same number in another community is another ticket.
func communitiesSeeOnlyTheirTickets(t *testing.T, s storage.Store) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	a, b := s.In("a"), s.In("b")
	ra, rb := bot.Room{Adapter: "xmpp", ID: "a@muc"}, bot.Room{Adapter: "matrix", ID: "!b"}
	for i, q := range []string{"qa1", "qa2"} {
		tk := communityTicket(ra, q, now)
		if err := a.CreateTicket(ctx, tk); err != nil || tk.ID != int64(i+1) {
			t.Fatalf("A's ticket %d: id %d, %v", i+1, tk.ID, err)
		}
	}
	tb := communityTicket(rb, "qb1", now)
	if err := b.CreateTicket(ctx, tb); err != nil || tb.ID != 1 {
		t.Fatalf("B's first ticket: id %d, %v", tb.ID, err)
	}
	got, err := b.Ticket(ctx, 1)
	if err != nil || got.Question != "qb1" {
		t.Fatalf("B's #1 = %+v, %v", got, err)
	}
	if _, err := b.Ticket(ctx, 2); !errors.Is(err, tickets.ErrNoTicket) {
		t.Fatalf("B must not see A's #2: %v", err)
	}
	ts, err := b.Tickets(ctx, tickets.Filter{})
	if err != nil || len(ts) != 1 || ts[0].Question != "qb1" {
		t.Fatalf("B lists %d tickets, %v", len(ts), err)
	}
	ev := tickets.Event{At: now, Kind: "claim", Actor: tickets.Actor{Adapter: "matrix", ID: "@m"}}
	upd, err := b.UpdateTicket(ctx, 1, ev, func(t *tickets.Ticket) error { t.State = tickets.Claimed; return nil })
	if err != nil || upd.ID != 1 || upd.Question != "qb1" {
		t.Fatalf("B claims its #1: %+v, %v", upd, err)
	}
	if ta, _ := a.Ticket(ctx, 1); ta.State != tickets.Open {
		t.Fatalf("A's #1 changed with B's: %s", ta.State)
	}
	evs, err := b.TicketEvents(ctx, 1)
	if err != nil || len(evs) != 2 || evs[1].TicketID != 1 || evs[1].Kind != "claim" {
		t.Fatalf("B's #1 history: %+v, %v", evs, err)
	}
	if evs, _ := a.TicketEvents(ctx, 1); len(evs) != 1 {
		t.Fatalf("A's #1 history holds B's claim: %+v", evs)
	}
	counts, err := a.CountByState(ctx)
	if err != nil || counts["open"] != 2 || counts["claimed"] != 0 {
		t.Fatalf("A's counts %v, %v", counts, err)
	}
	// a message B handles is never taken for one A already has, even with
	// the same room, id, asker and words: B would get A's ticket
	shared := bot.Room{Adapter: "xmpp", ID: "shared@muc"}
	qa, qb := communityTicket(shared, "même question", now), communityTicket(shared, "même question", now)
	qa.MsgID, qb.MsgID = "m1", "m1"
	if err := a.CreateTicket(ctx, qa); err != nil {
		t.Fatal(err)
	}
	if err := b.CreateTicket(ctx, qb); err != nil || qb.Repeat || qb.ID != 2 {
		t.Fatalf("B's question under an id A has seen: #%d repeat=%v, %v; want B's #2, new", qb.ID, qb.Repeat, err)
	}
}

// Answers and feedback stay in their community: a vote on B's answer is
// not in A's statistics, and A cannot open a ticket on B's answer.
func communitiesKeepTheirFeedback(t *testing.T, s storage.Store) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	a, b := s.In("a"), s.In("b")
	room := bot.Room{Adapter: "matrix", ID: "!b"}
	rec := &tickets.AnswerRecord{Room: room, Asker: bot.User{ID: "dave"}, EntryID: "e", Question: "q", Lang: "fr", At: now, SentID: "s1"}
	if err := b.RecordAnswer(ctx, rec); err != nil {
		t.Fatal(err)
	}
	if err := b.AddFeedback(ctx, tickets.Feedback{AnswerID: rec.ID, User: tickets.Actor{Adapter: "matrix", ID: "dave"}, EntryID: "e", Source: "reaction", At: now}); err != nil {
		t.Fatal(err)
	}
	if st, _ := b.FeedbackStats(ctx); len(st) != 1 || st[0].NotHelpful != 1 {
		t.Fatalf("B's stats: %+v", st)
	}
	if st, _ := a.FeedbackStats(ctx); len(st) != 0 {
		t.Fatalf("A sees B's feedback: %+v", st)
	}
	if got, _ := a.AnswerBySentID(ctx, "matrix", "s1"); got != nil {
		t.Fatal("A finds B's answer")
	}
	if got, _ := a.LastAnswer(ctx, room, "dave", now.Add(-time.Hour)); got != nil {
		t.Fatal("A finds B's last answer")
	}
	if _, err := a.OpenAnswerTicket(ctx, rec.ID, communityTicket(room, "q", now)); err == nil {
		t.Fatal("A opened a ticket on B's answer")
	}
	tk := communityTicket(room, "q", now)
	if created, err := b.OpenAnswerTicket(ctx, rec.ID, tk); err != nil || !created || tk.ID != 1 {
		t.Fatalf("B's ticket on its answer: %d %v %v", tk.ID, created, err)
	}
}

// Tickets from before communities keep their numbers and go to the
// community AdoptTickets names; the next ticket there follows them.
func adoptTicketsKeepsNumbers(t *testing.T, s storage.Store) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	old := s.In("")
	room := bot.Room{Adapter: "xmpp", ID: "a@muc"}
	for _, q := range []string{"q1", "q2", "q3"} {
		if err := old.CreateTicket(ctx, communityTicket(room, q, now)); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.AdoptTickets(ctx, "a")
	if err != nil || n != 3 {
		t.Fatalf("adopted %d, %v", n, err)
	}
	if n, _ := s.AdoptTickets(ctx, "a"); n != 0 {
		t.Fatalf("a second adoption moved %d", n)
	}
	a := s.In("a")
	if tk, err := a.Ticket(ctx, 2); err != nil || tk.Question != "q2" {
		t.Fatalf("A's #2 after the upgrade: %+v, %v", tk, err)
	}
	tk := communityTicket(room, "q4", now)
	if err := a.CreateTicket(ctx, tk); err != nil || tk.ID != 4 {
		t.Fatalf("next ticket %d, %v", tk.ID, err)
	}
	if ts, _ := old.Tickets(ctx, tickets.Filter{}); len(ts) != 0 {
		t.Fatalf("%d tickets left without a community", len(ts))
	}
}

// Two communities opening tickets at the same moment each number theirs
// 1..n, without a gap or a double.
func communityNumbersUnderConcurrency(t *testing.T, s storage.Store) {
	const n = 8
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	ids := map[string]map[int64]bool{"a": {}, "b": {}}
	var errs = make([]error, 2*n)
	got := make([]int64, 2*n)
	race(t, s, 2*n, func(i int) {
		c := []string{"a", "b"}[i%2]
		tk := communityTicket(bot.Room{Adapter: "xmpp", ID: c}, fmt.Sprintf("q%d", i), now)
		errs[i] = s.In(c).CreateTicket(ctx, tk)
		got[i] = tk.ID
	})
	for i := range got {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		ids[[]string{"a", "b"}[i%2]][got[i]] = true
	}
	for c, m := range ids {
		for k := int64(1); k <= n; k++ {
			if !m[k] {
				t.Fatalf("community %s: numbers %v, want 1..%d", c, m, n)
			}
		}
	}
}

// A notice recorded for B's ticket #1 goes to that ticket, not to the row
// numbered 1 in the database (A's first ticket): a mentor's reply to B's
// notice must find B's ticket.
func communityNoticeFindsItsTicket(t *testing.T, s storage.Store) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	a, b := s.In("a"), s.In("b")
	ra, rb := bot.Room{Adapter: "xmpp", ID: "a@muc"}, bot.Room{Adapter: "matrix", ID: "!b"}
	for _, q := range []string{"qa1", "qa2"} {
		if err := a.CreateTicket(ctx, communityTicket(ra, q, now)); err != nil {
			t.Fatal(err)
		}
	}
	tb := communityTicket(rb, "qb1", now)
	if err := b.CreateTicket(ctx, tb); err != nil || tb.ID != 1 {
		t.Fatalf("B's first ticket: id %d, %v", tb.ID, err)
	}
	if err := b.SetNotice(ctx, tb.ID, "$b1"); err != nil {
		t.Fatal(err)
	}
	if err := a.SetNotice(ctx, 2, "$a2"); err != nil {
		t.Fatal(err)
	}
	if got, err := b.TicketByNotice(ctx, "$b1"); err != nil || got.ID != 1 || got.Question != "qb1" {
		t.Fatalf("B's notice finds %+v, %v; want B's #1", got, err)
	}
	if got, err := a.TicketByNotice(ctx, "$a2"); err != nil || got.ID != 2 || got.Question != "qa2" {
		t.Fatalf("A's notice finds %+v, %v; want A's #2", got, err)
	}
	if got, err := a.Ticket(ctx, 1); err != nil || got.NoticeID != "" {
		t.Fatalf("A's #1 took a notice: %+v, %v", got, err)
	}
	if _, err := a.TicketByNotice(ctx, "$b1"); !errors.Is(err, tickets.ErrNoTicket) {
		t.Fatalf("A finds B's notice: %v", err)
	}
}

// The answers and thanks counted per entry are the community's own.
func communityEntryUsage(t *testing.T, s storage.Store) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	a, b := s.In("a"), s.In("b")
	record := func(c storage.CommunityStore, entry, sent string, thanked bool) {
		t.Helper()
		rec := &tickets.AnswerRecord{Room: bot.Room{Adapter: "matrix", ID: "!r"}, Asker: bot.User{ID: "dave"},
			EntryID: entry, Question: "q", Lang: "fr", At: now, SentID: sent}
		if err := c.RecordAnswer(ctx, rec); err != nil {
			t.Fatal(err)
		}
		if !thanked {
			return
		}
		f := tickets.Feedback{AnswerID: rec.ID, EntryID: entry, User: tickets.Actor{Adapter: "matrix", ID: "dave"},
			Helpful: true, Source: "text", At: now}
		if err := c.AddFeedback(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	record(a, "nuage", "a1", true)
	record(a, "tarifs", "a2", false)
	record(b, "nuage", "b1", true)
	record(b, "nuage", "b2", true)
	record(b, "wifi", "b3", false)
	for _, c := range []struct {
		name            string
		store           storage.CommunityStore
		answers, thanks string
	}{
		{"A", a, "map[nuage:1 tarifs:1]", "map[nuage:1]"},
		{"B", b, "map[nuage:2 wifi:1]", "map[nuage:2]"},
		{"none", s.In(""), "map[]", "map[]"},
	} {
		used, thanked, err := c.store.EntryUsage(ctx)
		if err != nil || fmt.Sprint(used) != c.answers || fmt.Sprint(thanked) != c.thanks {
			t.Errorf("%s's EntryUsage = %v, %v, %v; want %s and %s", c.name, used, thanked, err, c.answers, c.thanks)
		}
	}
}
