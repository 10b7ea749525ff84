package storage_test

import (
	"context"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/storage"
)

// One holder at a time: the lease passes on when released or expired,
// never while held, and a former holder cannot renew it.
func TestLeaderLeasePostgres(t *testing.T) {
	ctx := context.Background()
	pg := testenv.StartPostgres(t)
	s, err := storage.Open(ctx, pg.URL(pg.NewDatabase()), pg.Password)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, ok := s.(storage.Leaser)
	if !ok {
		t.Fatal("a Postgres store must be a Leaser")
	}
	const ttl = 2 * time.Second
	a, err := l.AcquireLease(ctx, "run", "A", ttl)
	if err != nil || a == 0 {
		t.Fatalf("A acquires a free lease: %d, %v", a, err)
	}
	if b, err := l.AcquireLease(ctx, "run", "B", ttl); err != nil || b != 0 {
		t.Fatalf("B acquired a held lease: %d, %v", b, err)
	}
	if ok, err := l.RenewLease(ctx, "run", "A", a, ttl); err != nil || !ok {
		t.Fatalf("A renews: %v, %v", ok, err)
	}
	if ok, _ := l.RenewLease(ctx, "run", "B", a, ttl); ok {
		t.Fatal("B renewed A's lease")
	}
	if err := l.ReleaseLease(ctx, "run", "A", a); err != nil {
		t.Fatal(err)
	}
	b, err := l.AcquireLease(ctx, "run", "B", 300*time.Millisecond)
	if err != nil || b <= a {
		t.Fatalf("B after A released: term %d, %v; want above %d", b, err, a)
	}
	if ok, _ := l.RenewLease(ctx, "run", "A", a, ttl); ok {
		t.Fatal("A renewed a lease it released")
	}
	time.Sleep(400 * time.Millisecond)
	if ok, _ := l.RenewLease(ctx, "run", "B", b, ttl); ok {
		t.Fatal("B renewed an expired lease")
	}
	c, err := l.AcquireLease(ctx, "run", "A", ttl)
	if err != nil || c <= b {
		t.Fatalf("A after B's lease expired: term %d, %v", c, err)
	}
	if got, _ := s.(storage.Leaser).AcquireLease(ctx, "other", "B", ttl); got == 0 {
		t.Fatal("leases of different names are independent")
	}
}
