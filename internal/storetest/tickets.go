package storetest

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/storage"
	"codeberg.org/entraide/entraide/tickets"
)

var room = bot.Room{Adapter: "xmpp", ID: "alice@localhost", Name: "Alice", Direct: true}

func question(msgID, text string) *tickets.Ticket {
	now := time.Now()
	return &tickets.Ticket{Origin: tickets.OriginUnanswered, Asker: bot.User{ID: "alice@localhost", Name: "Alice"},
		Room: room, MsgID: msgID, Question: text, Lang: "fr", Guesses: []string{"a", "b"}, Created: now, Updated: now}
}

// Tickets created at once get distinct numbers, each durable with its
// "open" event.
func ticketNumbersUnderConcurrency(t *testing.T, s storage.Store) {
	const n = 40
	ids := make([]int64, n)
	errs := make(chan error, n)
	race(t, s, n, func(i int) {
		tk := question(fmt.Sprintf("m%d", i), fmt.Sprintf("question %d", i))
		if err := s.CreateTicket(ctx, tk); err != nil {
			errs <- err
			return
		}
		ids[i] = tk.ID
	})
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		if id <= 0 || seen[id] {
			t.Fatalf("ticket numbers %v: want %d distinct positive numbers", ids, n)
		}
		seen[id] = true
	}
	all, err := s.Tickets(ctx, tickets.Filter{})
	if err != nil || len(all) != n {
		t.Fatalf("Tickets: %d, %v; want %d", len(all), err, n)
	}
	for _, tk := range all {
		evs, err := s.TicketEvents(ctx, tk.ID)
		if err != nil || len(evs) != 1 || evs[0].Kind != "open" || evs[0].To != tickets.Open {
			t.Fatalf("events of #%d: %+v, %v; want one open event", tk.ID, evs, err)
		}
	}
	got, err := s.Ticket(ctx, ids[7])
	if err != nil || got.Question != "question 7" || got.State != tickets.Open || got.Asker.Name != "Alice" ||
		got.Room != room || len(got.Guesses) != 2 || got.Guesses[1] != "b" {
		t.Fatalf("Ticket(%d) = %+v, %v", ids[7], got, err)
	}
	if _, err := s.Ticket(ctx, 99999); !errors.Is(err, tickets.ErrNoTicket) {
		t.Fatalf("a missing ticket: %v, want ErrNoTicket", err)
	}
	limited, err := s.Tickets(ctx, tickets.Filter{States: []tickets.State{tickets.Open}, Limit: 5})
	if err != nil || len(limited) != 5 {
		t.Fatalf("Tickets with a limit: %d, %v", len(limited), err)
	}
}

// A message handled again (after a crash, or by a second instance) finds
// the ticket it opened, even when both handle it at the same time.
func oneTicketPerMessage(t *testing.T, s storage.Store) {
	const n = 12
	got := make([]*tickets.Ticket, n)
	race(t, s, n, func(i int) {
		tk := question("$same", "mon imprimante affiche une erreur")
		if err := s.CreateTicket(ctx, tk); err != nil {
			t.Error(err)
			return
		}
		got[i] = tk
	})
	if t.Failed() {
		return
	}
	repeats := 0
	for _, tk := range got {
		if tk.ID != got[0].ID {
			t.Fatalf("one message opened tickets #%d and #%d", got[0].ID, tk.ID)
		}
		if tk.Repeat {
			repeats++
		}
	}
	if repeats != n-1 {
		t.Fatalf("%d of %d creations were repeats, want %d", repeats, n, n-1)
	}
	other := question("$other", "mon imprimante affiche une erreur")
	if err := s.CreateTicket(ctx, other); err != nil || other.ID == got[0].ID || other.Repeat {
		t.Fatalf("another message must open its own ticket: %+v, %v", other, err)
	}
	// some adapters' ids restart with the process: the same id with other
	// words, or from someone else, is another question
	reused := question("$same", "et le scanner aussi")
	byBob := question("$same", "mon imprimante affiche une erreur")
	byBob.Asker = bot.User{ID: "bob@localhost"}
	for _, tk := range []*tickets.Ticket{reused, byBob} {
		if err := s.CreateTicket(ctx, tk); err != nil || tk.ID == got[0].ID || tk.Repeat {
			t.Fatalf("a reused message id must open a ticket of its own: %+v, %v", tk, err)
		}
	}
}

// Claims race to one winner; a refused change writes nothing; the history
// records each transition with its from and to.
func stateTransitions(t *testing.T, s storage.Store) {
	tk := question("m1", "q")
	if err := s.CreateTicket(ctx, tk); err != nil {
		t.Fatal(err)
	}
	refused := errors.New("already claimed")
	const n = 8
	var mu sync.Mutex
	winners := 0
	race(t, s, n, func(i int) {
		mentor := tickets.Actor{Adapter: "xmpp", ID: fmt.Sprintf("mentor%d", i)}
		_, err := s.UpdateTicket(ctx, tk.ID, tickets.Event{At: time.Now(), Kind: "claim", Actor: mentor},
			func(t *tickets.Ticket) error {
				if t.State != tickets.Open {
					return refused
				}
				t.State, t.Mentor, t.Updated = tickets.Claimed, mentor, time.Now()
				return nil
			})
		switch {
		case err == nil:
			mu.Lock()
			winners++
			mu.Unlock()
		case !errors.Is(err, refused):
			t.Error(err)
		}
	})
	if winners != 1 {
		t.Fatalf("%d mentors claimed the ticket, want 1", winners)
	}
	mentor := tickets.Actor{Adapter: "xmpp", ID: "mentor9"}
	answered, err := s.UpdateTicket(ctx, tk.ID, tickets.Event{At: time.Now(), Kind: "answer", Actor: mentor, Note: "voilà"},
		func(t *tickets.Ticket) error {
			t.State, t.Answer, t.Mentor = tickets.Answered, "voilà", mentor
			return nil
		})
	if err != nil || answered.State != tickets.Answered {
		t.Fatal(answered, err)
	}
	resolvedAt := time.Now()
	if _, err := s.UpdateTicket(ctx, tk.ID, tickets.Event{At: resolvedAt, Kind: "resolve", Actor: mentor},
		func(t *tickets.Ticket) error {
			t.State, t.Resolved = tickets.Resolved, resolvedAt
			return nil
		}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateTicket(ctx, 4242, tickets.Event{Kind: "claim"}, func(*tickets.Ticket) error { return nil }); !errors.Is(err, tickets.ErrNoTicket) {
		t.Fatalf("updating a missing ticket: %v", err)
	}
	got, err := s.Ticket(ctx, tk.ID)
	if err != nil || got.State != tickets.Resolved || got.Answer != "voilà" || got.Mentor.ID != "mentor9" ||
		got.Resolved.UnixMilli() != resolvedAt.UnixMilli() {
		t.Fatalf("after resolve: %+v, %v", got, err)
	}
	evs, err := s.TicketEvents(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	var path []string
	for _, ev := range evs {
		path = append(path, fmt.Sprintf("%s:%s>%s", ev.Kind, ev.From, ev.To))
	}
	want := "[open:>open claim:open>claimed answer:claimed>answered resolve:answered>resolved]"
	if fmt.Sprint(path) != want || evs[2].Note != "voilà" {
		t.Fatalf("history %v, want %s", path, want)
	}
	if err := s.MarkReminded(ctx, tk.ID, resolvedAt); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Ticket(ctx, tk.ID); got.Reminded.UnixMilli() != resolvedAt.UnixMilli() {
		t.Fatalf("reminded at %v, want %v", got.Reminded, resolvedAt)
	}
}

// Two "not helpful" votes at once on one answer open one ticket.
func oneTicketPerAnswer(t *testing.T, s storage.Store) {
	a := &tickets.AnswerRecord{Room: room, Asker: bot.User{ID: "bob"}, MsgID: "q1", SentID: "s1", EntryID: "nuage",
		Question: "mdp perdu", Lang: "fr", At: time.Now()}
	if err := s.RecordAnswer(ctx, a); err != nil || a.ID == 0 {
		t.Fatal(a.ID, err)
	}
	const n = 8
	ids := make([]int64, n)
	created := make([]bool, n)
	race(t, s, n, func(i int) {
		tk := question("", "mdp perdu — ça marche pas")
		tk.Origin, tk.EntryID = tickets.OriginFeedback, "nuage"
		c, err := s.OpenAnswerTicket(ctx, a.ID, tk)
		if err != nil {
			t.Error(err)
		}
		ids[i], created[i] = tk.ID, c
	})
	n1 := 0
	for i := range n {
		if ids[i] != ids[0] || ids[i] == 0 {
			t.Fatalf("ticket ids %v: want one", ids)
		}
		if created[i] {
			n1++
		}
	}
	if n1 != 1 {
		t.Fatalf("%d calls created the ticket, want 1", n1)
	}
	got, err := s.AnswerBySentID(ctx, "xmpp", "s1")
	if err != nil || got == nil || got.TicketID != ids[0] {
		t.Fatalf("answer after the ticket: %+v, %v", got, err)
	}
	if _, err := s.OpenAnswerTicket(ctx, 777, question("", "x")); err == nil {
		t.Fatal("a ticket for an unknown answer must fail")
	}
}

func sortedKeys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// A ticket's conversation: its context round-trips, its notice finds it,
// the asker's unresolved tickets are found in their room only, messages
// join the history in order, and the purge erases all of it.
func conversation(t *testing.T, s storage.Store) {
	at := time.UnixMilli(time.Now().UnixMilli())
	tk := question("m-1", "mon imprimante affiche E-05")
	tk.Context = []tickets.Turn{{At: at, Said: "imprimante en panne", Reply: tickets.ReplyList,
		Entries: []string{"Matériel", "Contact"}, Lang: "fr"}}
	if err := s.CreateTicket(ctx, tk); err != nil {
		t.Fatal(err)
	}
	if err := s.SetNotice(ctx, tk.ID, "$notice:example.org"); err != nil {
		t.Fatal(err)
	}
	got, err := s.TicketByNotice(ctx, "$notice:example.org")
	if err != nil || got.ID != tk.ID || got.NoticeID != "$notice:example.org" {
		t.Fatalf("TicketByNotice = %+v, %v", got, err)
	}
	if len(got.Context) != 1 || !got.Context[0].At.Equal(at) || got.Context[0].Said != "imprimante en panne" ||
		len(got.Context[0].Entries) != 2 || got.Context[0].Reply != tickets.ReplyList {
		t.Fatalf("context read back: %+v", got.Context)
	}
	if _, err := s.TicketByNotice(ctx, "$other"); !errors.Is(err, tickets.ErrNoTicket) {
		t.Fatalf("an unknown notice: %v, want ErrNoTicket", err)
	}
	elsewhere := question("m-2", "autre salon")
	elsewhere.Room = bot.Room{Adapter: "xmpp", ID: "support@conference.localhost"}
	if err := s.CreateTicket(ctx, elsewhere); err != nil {
		t.Fatal(err)
	}
	// someone else's ticket in the same room is not alice's conversation
	bobs := question("m-3", "et mon scanner ?")
	bobs.Asker = bot.User{ID: "bob@localhost"}
	if err := s.CreateTicket(ctx, bobs); err != nil {
		t.Fatal(err)
	}
	mine, err := s.AskerTickets(ctx, room, "alice@localhost")
	if err != nil || len(mine) != 1 || mine[0].ID != tk.ID {
		t.Fatalf("AskerTickets = %+v, %v; want ticket %d only", mine, err, tk.ID)
	}
	for i, note := range []string{"Redémarrez-la.", "toujours E-05", "merci, c'est bon"} {
		kind := "message"
		if i%2 == 0 {
			kind = "answer"
		}
		if _, err := s.UpdateTicket(ctx, tk.ID, tickets.Event{At: time.Now(), Kind: kind, Note: note},
			func(t *tickets.Ticket) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	evs, _ := s.TicketEvents(ctx, tk.ID)
	var said []string
	for _, m := range tickets.Conversation(got, evs) {
		said = append(said, m.Text)
	}
	if want := "mon imprimante affiche E-05|Redémarrez-la.|toujours E-05|merci, c'est bon"; strings.Join(said, "|") != want {
		t.Fatalf("conversation %q, want %q", said, want)
	}
	resolved := time.Now().Add(-200 * 24 * time.Hour)
	if _, err := s.UpdateTicket(ctx, tk.ID, tickets.Event{At: resolved, Kind: "resolve"}, func(t *tickets.Ticket) error {
		t.State, t.Resolved = tickets.Resolved, resolved
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if mine, _ := s.AskerTickets(ctx, room, "alice@localhost"); len(mine) != 0 {
		t.Fatalf("a resolved ticket is still the asker's open one: %+v", mine)
	}
	if _, err := s.PurgeResolved(ctx, time.Now().Add(-180*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Ticket(ctx, tk.ID)
	evs, _ = s.TicketEvents(ctx, tk.ID)
	if len(got.Context) != 0 || len(tickets.Conversation(got, evs)) != 0 {
		t.Fatalf("the purge left the conversation: %+v %+v", got, evs)
	}
}
