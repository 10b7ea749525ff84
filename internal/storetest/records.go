package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/announce"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
)

func post(owner string, at time.Time) announce.Record {
	start := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	return announce.Record{FileID: "formation-mastodon", Kind: announce.Announce, Offset: 48 * time.Hour,
		Room: announce.Room{Adapter: "matrix", ID: "!annonces:localhost"}, Hash: "h1", AnnKind: announce.Kind("training"),
		Title: "Mastodon", Lang: "fr", Start: start, End: start.Add(3 * time.Hour), Place: "Local", Online: true,
		Owner: owner, ClaimedAt: at}
}

// A post is claimed before it is sent: of the posters claiming one slot at
// once, one sends; a claim left unconfirmed past the lease is taken over,
// a sent one never.
func announcementRecordedBeforeSend(t *testing.T, s storage.Store) {
	now := time.Now()
	const n = 8
	var mu sync.Mutex
	var holders []string
	race(t, s, n, func(i int) {
		owner := fmt.Sprintf("bot%d", i)
		ok, err := s.ClaimAnnounce(ctx, post(owner, now), time.Minute)
		if err != nil {
			t.Error(err)
		}
		if ok {
			mu.Lock()
			holders = append(holders, owner)
			mu.Unlock()
		}
	})
	if len(holders) != 1 {
		t.Fatalf("holders of one slot: %v, want one", holders)
	}
	p := post(holders[0], now)
	hist, err := s.AnnounceHistory(ctx)
	if err != nil || len(hist) != 1 || hist[0].State != announce.Claimed || hist[0].Owner != holders[0] {
		t.Fatalf("history after the claim: %+v, %v", hist, err)
	}
	if err := s.MarkAnnounceSent(ctx, p.Slot(), "someone-else", "$x", now); err == nil {
		t.Fatal("a poster that does not hold the claim confirmed it")
	}
	// the holder crashed before sending: past the lease, another takes over
	if ok, err := s.ClaimAnnounce(ctx, post("late", now.Add(30*time.Second)), time.Minute); err != nil || ok {
		t.Fatalf("a fresh claim was taken over: %v, %v", ok, err)
	}
	later := now.Add(2 * time.Minute)
	if ok, err := s.ClaimAnnounce(ctx, post("heir", later), time.Minute); err != nil || !ok {
		t.Fatalf("a stale claim was not taken over: %v, %v", ok, err)
	}
	if err := s.MarkAnnounceSent(ctx, p.Slot(), holders[0], "$x", later); err == nil {
		t.Fatal("the first holder confirmed a claim taken over")
	}
	if err := s.MarkAnnounceSent(ctx, p.Slot(), "heir", "$sent", later); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.ClaimAnnounce(ctx, post("again", later.Add(time.Hour)), time.Minute); ok {
		t.Fatal("a sent post was claimed again")
	}
	hist, err = s.AnnounceHistory(ctx)
	if err != nil || len(hist) != 1 {
		t.Fatalf("history: %+v, %v", hist, err)
	}
	h := hist[0]
	want := post("heir", later)
	if h.State != announce.Sent || h.MessageID != "$sent" || h.SentAt.UnixMilli() != later.UnixMilli() ||
		!h.Start.Equal(want.Start) || h.Offset != want.Offset || !h.Online ||
		h.Title != "Mastodon" || h.Room != want.Room || h.Kind != announce.Announce || h.AnnKind != want.AnnKind {
		t.Fatalf("record read back: %+v", h)
	}
	// a failed send releases the claim, and a later round may try again
	other := post("bot", now)
	other.FileID = "service-nuage"
	if ok, err := s.ClaimAnnounce(ctx, other, time.Minute); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if err := s.ReleaseAnnounce(ctx, other.Slot(), "bot"); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.ClaimAnnounce(ctx, other, time.Minute); err != nil || !ok {
		t.Fatalf("a released slot could not be claimed again: %v, %v", ok, err)
	}
	if err := s.ReleaseAnnounce(ctx, p.Slot(), "heir"); err != nil {
		t.Fatal(err)
	}
	if hist, _ := s.AnnounceHistory(ctx); len(hist) != 2 {
		t.Fatalf("releasing a sent post removed it: %+v", hist)
	}
}

// An event is begun (in progress), finished (done), and found unfinished
// after a crash in between.
func journalBeginFinish(t *testing.T, s storage.Store) {
	for i, id := range []string{"$a", "$b", "$c"} {
		p, err := s.Begin(ctx, "matrix", id, fmt.Sprintf("!room%d", i))
		if err != nil || p != bot.ProgressNew {
			t.Fatalf("Begin(%s) = %v, %v; want new", id, p, err)
		}
	}
	if p, err := s.Begin(ctx, "matrix", "$b", "!room1"); err != nil || p != bot.ProgressUnfinished {
		t.Fatalf("Begin again before Finish = %v, %v; want unfinished", p, err)
	}
	if err := s.Finish(ctx, "matrix", "$b"); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Begin(ctx, "matrix", "$b", "!room1"); err != nil || p != bot.ProgressDone {
		t.Fatalf("Begin after Finish = %v, %v; want done", p, err)
	}
	if p, err := s.Begin(ctx, "xmpp", "$b", "r"); err != nil || p != bot.ProgressNew {
		t.Fatalf("the same id on another adapter = %v, %v; want new", p, err)
	}
	un, err := s.Unfinished(ctx, "matrix")
	if err != nil || fmt.Sprint(un) != "[{$a !room0} {$c !room2}]" {
		t.Fatalf("Unfinished = %v, %v; want $a then $c", un, err)
	}
	// FirstSeen shares the records
	if isNew, err := s.FirstSeen(ctx, "matrix", "$a"); err != nil || isNew {
		t.Fatalf("FirstSeen of a begun event = %v, %v", isNew, err)
	}
	if isNew, err := s.FirstSeen(ctx, "matrix", "$d"); err != nil || !isNew {
		t.Fatalf("FirstSeen of a new event = %v, %v", isNew, err)
	}
	// concurrent Begin of one event: one handler
	var mu sync.Mutex
	news := 0
	race(t, s, 8, func(int) {
		p, err := s.Begin(ctx, "matrix", "$race", "!r")
		if err != nil {
			t.Error(err)
		}
		if p == bot.ProgressNew {
			mu.Lock()
			news++
			mu.Unlock()
		}
	})
	if news != 1 {
		t.Fatalf("%d handlers began one event, want 1", news)
	}
}

// Handled-event records older than the retention go; recent ones stay.
func handledRetention(t *testing.T, s storage.Store) {
	for _, id := range []string{"$1", "$2"} {
		if _, err := s.FirstSeen(ctx, "matrix", id); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.PurgeHandled(ctx, time.Now().Add(-bot.HandledRetention)); err != nil || n != 0 {
		t.Fatalf("purge of old records removed %d recent ones, %v", n, err)
	}
	if isNew, _ := s.FirstSeen(ctx, "matrix", "$1"); isNew {
		t.Fatal("a recent record was lost")
	}
	if n, err := s.PurgeHandled(ctx, time.Now().Add(time.Hour)); err != nil || n != 2 {
		t.Fatalf("purge of everything seen before an hour from now: %d, %v; want 2", n, err)
	}
	if isNew, _ := s.FirstSeen(ctx, "matrix", "$1"); !isNew {
		t.Fatal("a purged record still counts as seen")
	}
}

// Resolved tickets past the retention lose their texts, keep their rows.
func ticketRetention(t *testing.T, s storage.Store) {
	old := question("m-old", "mon adresse est 12 rue des Lilas")
	open := question("m-open", "toujours ouvert")
	for _, tk := range []*tickets.Ticket{old, open} {
		if err := s.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
	}
	resolved := time.Now().Add(-200 * 24 * time.Hour)
	if _, err := s.UpdateTicket(ctx, old.ID, tickets.Event{At: resolved, Kind: "answer", Note: "au local"},
		func(t *tickets.Ticket) error {
			t.State, t.Answer, t.Resolved = tickets.Resolved, "au local", resolved
			return nil
		}); err != nil {
		t.Fatal(err)
	}
	a := &tickets.AnswerRecord{Room: room, Asker: bot.User{ID: "bob"}, EntryID: "e", Question: "vieille question",
		At: resolved}
	if err := s.RecordAnswer(ctx, a); err != nil {
		t.Fatal(err)
	}
	cut := time.Now().Add(-180 * 24 * time.Hour)
	if n, err := s.PurgeResolved(ctx, cut); err != nil || n != 1 {
		t.Fatalf("PurgeResolved = %d, %v; want 1", n, err)
	}
	if n, err := s.PurgeResolved(ctx, cut); err != nil || n != 0 {
		t.Fatalf("a second purge = %d, %v; want 0", n, err)
	}
	got, _ := s.Ticket(ctx, old.ID)
	if !got.Purged || got.Question != "" || got.Answer != "" || got.Asker.Name != "" || got.State != tickets.Resolved {
		t.Fatalf("purged ticket: %+v", got)
	}
	evs, _ := s.TicketEvents(ctx, old.ID)
	if last := evs[len(evs)-1]; last.Kind != "purge" || evs[1].Note != "" {
		t.Fatalf("history after purge: %+v", evs)
	}
	if got, _ := s.Ticket(ctx, open.ID); got.Purged || got.Question != "toujours ouvert" {
		t.Fatalf("an open ticket was purged: %+v", got)
	}
	if got, _ := s.LastAnswer(ctx, room, "bob", time.Time{}); got == nil || got.Question != "" {
		t.Fatalf("an old answer record kept its question: %+v", got)
	}
}

// Votes and picks become labels; feedback counts per entry.
func labels(t *testing.T, s storage.Store) {
	at := time.Now().Add(-time.Hour)
	voted := &tickets.AnswerRecord{Room: room, Asker: bot.User{ID: "bob"}, SentID: "s1", EntryID: "nuage", Question: "mdp perdu",
		Lang: "fr", At: at}
	picked := &tickets.AnswerRecord{Room: room, Asker: bot.User{ID: "bob"}, SentID: "s2", EntryID: "tarifs", Question: "prix",
		Lang: "fr", At: at.Add(time.Minute), Picked: true}
	silent := &tickets.AnswerRecord{Room: room, Asker: bot.User{ID: "bob"}, SentID: "s3", EntryID: "tarifs", Question: "combien",
		Lang: "fr", At: at.Add(2 * time.Minute)}
	for _, a := range []*tickets.AnswerRecord{voted, picked, silent} {
		if err := s.RecordAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	votes := []tickets.Feedback{
		{AnswerID: voted.ID, EntryID: "nuage", User: tickets.Actor{Adapter: "xmpp", ID: "bob"}, Helpful: true, Source: "reaction", At: at},
		{AnswerID: voted.ID, EntryID: "nuage", User: tickets.Actor{Adapter: "xmpp", ID: "bob"}, Helpful: false, Source: "text", At: at},
		{AnswerID: voted.ID, EntryID: "nuage", User: tickets.Actor{Adapter: "xmpp", ID: "carol"}, Helpful: false, Source: "reaction", At: at},
		{AnswerID: picked.ID, EntryID: "tarifs", User: tickets.Actor{Adapter: "xmpp", ID: "dan"}, Helpful: true, Source: "reaction", At: at},
	}
	for _, f := range votes {
		if err := s.AddFeedback(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	// A "merci" on the silent answer, given after the label checks below.
	thank := tickets.Feedback{AnswerID: silent.ID, EntryID: "tarifs", User: tickets.Actor{Adapter: "xmpp", ID: "bob"},
		Helpful: true, Source: "text", At: at}
	last, err := s.LastAnswer(ctx, room, "bob", at)
	if err != nil || last == nil || last.ID != silent.ID {
		t.Fatalf("LastAnswer = %+v, %v; want the latest", last, err)
	}
	if got, _ := s.AnswerBySentID(ctx, "xmpp", "s1"); got == nil || !got.Feedback || got.Picked {
		t.Fatalf("a text vote must mark the answer: %+v", got)
	}
	if got, _ := s.AnswerBySentID(ctx, "xmpp", "nope"); got != nil {
		t.Fatalf("unknown sent id: %+v", got)
	}
	stats, err := s.FeedbackStats(ctx)
	if err != nil || fmt.Sprint(stats) != "[{nuage 0 2} {tarifs 1 0}]" {
		t.Fatalf("FeedbackStats = %v, %v", stats, err)
	}
	tk := question("m1", "imprimante")
	if err := s.CreateTicket(ctx, tk); err != nil {
		t.Fatal(err)
	}
	if err := tickets.RecordFAQDraft(ctx, s, tk.ID, "/faq/drafts/imprimante.md", tickets.Actor{}, time.Now()); err != nil {
		t.Fatal(err)
	}
	answers, tickets, err := s.LabelHistory(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) != 2 || answers[0].ID != voted.ID || answers[0].Helpful != 0 || answers[0].NotHelpful != 2 ||
		answers[0].AskerVote != -1 || !answers[1].Picked || answers[1].Helpful != 1 || answers[1].AskerVote != 0 {
		t.Fatalf("answer outcomes: %+v", answers)
	}
	if len(tickets) != 1 || tickets[0].Question != "imprimante" || fmt.Sprint(tickets[0].Drafts) != "[imprimante]" ||
		tickets[0].Answered {
		t.Fatalf("ticket outcomes: %+v", tickets)
	}
	if a, tk, err := s.LabelHistory(ctx, time.Now().Add(time.Hour)); err != nil || len(a)+len(tk) != 0 {
		t.Fatalf("since the future: %v %v %v", a, tk, err)
	}
	if err := s.AddFeedback(ctx, thank); err != nil {
		t.Fatal(err)
	}
	used, thanked, err := s.EntryUsage(ctx)
	if err != nil || fmt.Sprint(used) != "map[nuage:1 tarifs:2]" || fmt.Sprint(thanked) != "map[tarifs:1]" {
		t.Fatalf("EntryUsage = %v, %v, %v; want answers nuage 1, tarifs 2 and one merci for tarifs", used, thanked, err)
	}
}

// Adapters' small state: read back what was put, overwrite, missing keys.
func state(t *testing.T, s storage.Store) {
	if _, ok, err := s.Get(ctx, "matrix", "device"); err != nil || ok {
		t.Fatalf("a missing key: %v, %v", ok, err)
	}
	for _, v := range []string{"DEV1", "DEV2"} {
		if err := s.Put(ctx, "matrix", "device", v); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Put(ctx, "xmpp", "device", "other"); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := s.Get(ctx, "matrix", "device"); err != nil || !ok || v != "DEV2" {
		t.Fatalf("Get = %q, %v, %v; want DEV2", v, ok, err)
	}
}

// The figures the metrics read: tickets per state, time to first answer.
func ticketFigures(t *testing.T, s storage.Store) {
	base := time.Now().Add(-time.Hour)
	for i := range 3 {
		tk := question(fmt.Sprintf("m%d", i), "q")
		tk.Created = base
		if err := s.CreateTicket(ctx, tk); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			continue
		}
		for k, d := range []time.Duration{time.Duration(i) * time.Minute, time.Duration(i) * 10 * time.Minute} {
			if _, err := s.UpdateTicket(ctx, tk.ID, tickets.Event{At: base.Add(d), Kind: "answer"}, func(t *tickets.Ticket) error {
				t.State = tickets.Answered
				return nil
			}); err != nil {
				t.Fatal(k, err)
			}
		}
	}
	counts, err := s.CountByState(ctx)
	if err != nil || fmt.Sprint(sortedKeys(counts)) != "[answered open]" || counts["open"] != 1 || counts["answered"] != 2 {
		t.Fatalf("CountByState = %v, %v", counts, err)
	}
	delays, err := s.FirstAnswerDelays(ctx)
	if err != nil || len(delays) != 2 {
		t.Fatalf("FirstAnswerDelays = %v, %v", delays, err)
	}
	sum := delays[0] + delays[1]
	if sum != 3*time.Minute {
		t.Fatalf("first-answer delays %v, want 1m and 2m", delays)
	}
}
