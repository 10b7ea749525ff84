package storage_test

import (
	"context"
	"path/filepath"
	"testing"

	"codeberg.org/entraide/entraide/internal/storetest"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/storage"
)

func TestConformanceSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storage.Store {
		s, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "entraide.db"), "")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestConformancePostgres(t *testing.T) {
	pg := testenv.StartPostgres(t)
	storetest.Run(t, func(t *testing.T) storage.Store {
		s, err := storage.Open(context.Background(), pg.URL(pg.NewDatabase()), pg.Password)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
