package sqlite

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/announce"
)

func annRecord(owner string, at time.Time) announce.Record {
	return announce.Record{FileID: "t", Kind: announce.Announce, Offset: 48 * time.Hour,
		Room: announce.Room{Adapter: "matrix", ID: "!a:example.org"}, Hash: "h1", AnnKind: announce.Training,
		Title: "T", Lang: "fr", Start: at.Add(48 * time.Hour), End: at.Add(56 * time.Hour), Place: "Grenoble",
		Owner: owner, ClaimedAt: at}
}

func TestAnnounceClaimLifecycle(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lease := 10 * time.Minute
	t0 := time.Date(2027, 3, 11, 9, 30, 0, 0, time.UTC)
	r := annRecord("A", t0)
	if ok, err := db.ClaimAnnounce(ctx, r, lease); !ok || err != nil {
		t.Fatalf("first claim: %v %v", ok, err)
	}
	if ok, _ := db.ClaimAnnounce(ctx, annRecord("B", t0.Add(lease-time.Millisecond)), lease); ok {
		t.Fatal("a live claim was taken over")
	}
	// A crashed before sending: after the lease B takes over, and A can
	// no longer confirm.
	rb := annRecord("B", t0.Add(lease))
	if ok, _ := db.ClaimAnnounce(ctx, rb, lease); !ok {
		t.Fatal("a stale claim was not taken over")
	}
	if err := db.MarkAnnounceSent(ctx, r.Slot(), "A", "m1", t0); err == nil {
		t.Fatal("the old owner confirmed a claim it lost")
	}
	if err := db.MarkAnnounceSent(ctx, r.Slot(), "B", "m2", t0.Add(lease)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.ClaimAnnounce(ctx, annRecord("C", t0.Add(100*lease)), lease); ok {
		t.Fatal("a sent post was claimed again")
	}
	hist, err := db.AnnounceHistory(ctx)
	if err != nil || len(hist) != 1 {
		t.Fatalf("%v %v", hist, err)
	}
	h := hist[0]
	if h.State != announce.Sent || h.Owner != "B" || h.MessageID != "m2" || h.Offset != 48*time.Hour ||
		!h.Start.Equal(rb.Start) || h.Place != "Grenoble" || h.Room != r.Room || h.Kind != announce.Announce {
		t.Fatalf("round trip: %+v", h)
	}
	// Release after a failed send frees the slot at once.
	c := annRecord("A", t0)
	c.Kind, c.Offset, c.Seq = announce.Correction, 0, 1
	if ok, _ := db.ClaimAnnounce(ctx, c, lease); !ok {
		t.Fatal("correction claim")
	}
	if err := db.ReleaseAnnounce(ctx, c.Slot(), "A"); err != nil {
		t.Fatal(err)
	}
	c.Owner = "B"
	if ok, _ := db.ClaimAnnounce(ctx, c, lease); !ok {
		t.Fatal("a released slot could not be claimed")
	}
}

// Two handles on one file, as two bots sharing a database: exactly one of
// many racing claims wins.
func TestAnnounceClaimRaceTwoHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	db1, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db1.Close()
	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	t0 := time.Date(2027, 3, 11, 9, 30, 0, 0, time.UTC)
	for round := 0; round < 5; round++ {
		var wins atomic.Int32
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			db := db1
			if i%2 == 1 {
				db = db2
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := annRecord(string(rune('a'+i)), t0)
				r.Seq = round
				ok, err := db.ClaimAnnounce(ctx, r, time.Minute)
				if err != nil {
					t.Error(err)
				}
				if ok {
					wins.Add(1)
				}
			}()
		}
		wg.Wait()
		if n := wins.Load(); n != 1 {
			t.Fatalf("round %d: %d winners", round, n)
		}
	}
}
