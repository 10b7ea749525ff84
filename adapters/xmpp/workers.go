package xmpp

import "sync"

// workers counts the goroutines working for one Run, so that Run returns
// only once they are all done: its own (delivery, pings, closing old
// connections, joins and saves started from handlers) and those gosrc.io/xmpp
// starts for every stanza it reads, which call our handlers and which the
// library never waits for.
type workers struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// enter registers one worker, which calls leave when done. It returns false
// once Run is returning: the worker must then do nothing.
func (w *workers) enter() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return false
	}
	w.wg.Add(1)
	return true
}

func (w *workers) leave() { w.wg.Done() }

// run calls f on a goroutine of its own, as a worker.
func (w *workers) run(f func()) {
	if !w.enter() {
		return
	}
	go func() {
		defer w.leave()
		f()
	}()
}

// stop turns new workers away and waits for the running ones. Registration
// and the closing share the lock, so no worker can slip in while it waits.
func (w *workers) stop() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.wg.Wait()
}
