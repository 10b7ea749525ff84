package storetest

import (
	"context"
	"database/sql"
	"sync"
	"testing"

	"codeberg.org/entraide/entraide/storage"
)

// Factory returns a new, empty store, closed when the test ends.
type Factory func(t *testing.T) storage.Store

// Run runs the whole suite against the stores new makes.
func Run(t *testing.T, new Factory) {
	tests := []struct {
		name string
		fn   func(*testing.T, storage.Store)
	}{
		{"TicketNumbersUnderConcurrency", ticketNumbersUnderConcurrency},
		{"OneTicketPerMessage", oneTicketPerMessage},
		{"StateTransitions", stateTransitions},
		{"OneTicketPerAnswer", oneTicketPerAnswer},
		{"Conversation", conversation},
		{"AnnouncementRecordedBeforeSend", announcementRecordedBeforeSend},
		{"JournalBeginFinish", journalBeginFinish},
		{"HandledRetention", handledRetention},
		{"TicketRetention", ticketRetention},
		{"Labels", labels},
		{"State", state},
		{"TicketFigures", ticketFigures},
		{"CommunitiesSeeOnlyTheirTickets", communitiesSeeOnlyTheirTickets},
		{"CommunitiesKeepTheirFeedback", communitiesKeepTheirFeedback},
		{"AdoptTicketsKeepsNumbers", adoptTicketsKeepsNumbers},
		{"CommunityNumbersUnderConcurrency", communityNumbersUnderConcurrency},
		{"CommunityNoticeFindsItsTicket", communityNoticeFindsItsTicket},
		{"CommunityEntryUsage", communityEntryUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, new(t)) })
	}
}

var ctx = context.Background()

// race runs fn(i) for i in [0, n) at the same moment, each with its own
// database connection ready (a connection being set up would otherwise
// space the calls out), and waits for all.
func race(t *testing.T, s storage.Store, n int, fn func(i int)) {
	t.Helper()
	db, _ := s.SQL()
	db.SetMaxIdleConns(n)
	conns := make([]*sql.Conn, n)
	for i := range conns {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	for _, c := range conns {
		c.Close()
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			fn(i)
		}()
	}
	close(start)
	wg.Wait()
}
