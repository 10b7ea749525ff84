package xmpp

import (
	"context"
	"sync"
)

// memStore is the state store used when none is given: state lives as
// long as the process.
type memStore struct {
	mu   sync.Mutex
	kv   map[string]string
	seen map[string]bool
}

func newMemStore() *memStore { return &memStore{kv: map[string]string{}, seen: map[string]bool{}} }

func (s *memStore) Get(_ context.Context, ns, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.kv[ns+"\x00"+key]
	return v, ok, nil
}

func (s *memStore) Put(_ context.Context, ns, key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kv[ns+"\x00"+key] = value
	return nil
}

func (s *memStore) FirstSeen(_ context.Context, adapter, id string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := adapter + "\x00" + id
	if s.seen[k] {
		return false, nil
	}
	s.seen[k] = true
	return true, nil
}
