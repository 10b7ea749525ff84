package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/metrics"
	"codeberg.org/entraide/entraide/storage"
)

// Several "entraide run" on one Postgres database: the instance holding the
// leader lease connects to the chat servers and runs the background jobs;
// the others stand by, connected to nothing but the database.
const (
	leaseName = "run"
	// leaseTTL is how long the lease lasts after each renewal, in the
	// database's clock; a standby takes over once it has expired.
	leaseTTL = 6 * time.Second
	// leaseRenew is how often the leader renews it.
	leaseRenew = time.Second
	// leaseFence is how long after the start of its last successful
	// renewal the leader may still send. It is shorter than leaseTTL, so
	// a leader cut off from the database falls silent before anyone else
	// can take the lease over.
	leaseFence = leaseTTL - 2*time.Second
	// standbyPoll is how often a standby tries to take the lease.
	standbyPoll = 500 * time.Millisecond
)

var errLeaseLost = errors.New("this instance lost the leader lease: not sending")

// lease is this instance's hold on the leader lease.
type lease struct {
	l      storage.Leaser
	holder string
	log    *slog.Logger

	mu    sync.Mutex
	term  int64
	until time.Time // local clock (monotonic): the fence
}

// held reports whether this instance may talk to the chat servers now.
func (l *lease) held() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.term != 0 && time.Now().Before(l.until)
}

// acquire waits until the lease is ours or ctx ends, and returns its term.
func (l *lease) acquire(ctx context.Context) (int64, error) {
	var warned time.Time // a database down for long is said every 30 s, not at every try
	for {
		start := time.Now()
		actx, cancel := context.WithTimeout(ctx, leaseRenew)
		term, err := l.l.AcquireLease(actx, leaseName, l.holder, leaseTTL)
		cancel()
		switch {
		case err == nil && term != 0:
			l.mu.Lock()
			l.term, l.until = term, start.Add(leaseFence)
			l.mu.Unlock()
			return term, nil
		case err != nil && ctx.Err() == nil && time.Since(warned) > 30*time.Second:
			l.log.Warn("standby: cannot reach the database to check the leader lease", "err", err)
			warned = time.Now()
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(standbyPoll):
		}
	}
}

// keep renews the lease until ctx ends or the lease is lost, then calls
// lost (at once when the database says it is someone else's; at the fence
// when the database cannot be reached).
func (l *lease) keep(ctx context.Context, lost func()) {
	tick := time.NewTicker(leaseRenew / 4)
	defer tick.Stop()
	next := time.Now().Add(leaseRenew)
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if !l.held() {
			l.log.Error("leader lease not renewed in time: stopped sending", "fence", leaseFence)
			lost()
			return
		}
		if time.Now().Before(next) {
			continue
		}
		start := time.Now()
		next = start.Add(leaseRenew)
		l.mu.Lock()
		term := l.term
		l.mu.Unlock()
		rctx, cancel := context.WithTimeout(ctx, leaseRenew)
		ok, err := l.l.RenewLease(rctx, leaseName, l.holder, term, leaseTTL)
		cancel()
		switch {
		case err != nil:
			if ctx.Err() == nil {
				l.log.Warn("leader lease: renewal failed", "err", err)
			}
		case !ok:
			l.mu.Lock()
			l.term = 0
			l.mu.Unlock()
			l.log.Error("leader lease taken by another instance: stopped sending")
			lost()
			return
		default:
			l.mu.Lock()
			l.until = start.Add(leaseFence)
			l.mu.Unlock()
		}
	}
}

// release gives the lease up so a standby takes over at once.
func (l *lease) release() {
	l.mu.Lock()
	term := l.term
	l.term = 0
	l.mu.Unlock()
	if term == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := l.l.ReleaseLease(ctx, leaseName, l.holder, term); err != nil {
		l.log.Warn("leader lease: release failed; a standby takes over when it expires", "err", err)
	}
}

func holderID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
}

// runLeased is "entraide run" on a database shared by several instances:
// stand by until the lease is ours, run the bot while it stays ours, and
// stand by again when it is lost. HTTP endpoints are served throughout,
// by the standby or by the running bot.
func runLeased(ctx context.Context, e *env, cfg *config.Config, leaser storage.Leaser) error {
	log := redact(newLogger(e.stderr, cfg.Bot.LogLevel), cfg.Secrets())
	l := &lease{l: leaser, holder: holderID(), log: log}
	standby := http.NewServeMux()
	standby.Handle("GET /metrics", metrics.Standby())
	standby.Handle("GET /healthz", metrics.StandbyHealth())
	var current atomic.Pointer[http.Handler]
	setHandler := func(h http.Handler) { current.Store(&h) }
	setHandler(standby)
	if cfg.Bot.Listen != "" {
		ln, err := net.Listen("tcp", cfg.Bot.Listen)
		if err != nil {
			return fmt.Errorf("bot.listen %s: %w", cfg.Bot.Listen, err)
		}
		srv := &http.Server{ReadHeaderTimeout: 10 * time.Second,
			Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*current.Load()).ServeHTTP(w, r) })}
		go srv.Serve(ln)
		defer srv.Close()
		log.Info("HTTP endpoints listening", "addr", ln.Addr().String())
	}
	// the bot's own copy of the config: the endpoints are served here
	leaderCfg := *cfg
	leaderCfg.Bot.Listen = ""
	for {
		log.Info("standby: waiting for the leader lease", "holder", l.holder)
		waited := time.Now()
		term, err := l.acquire(ctx)
		if err != nil {
			return nil // stopped while on standby
		}
		log.Info("leader lease acquired: connecting", "holder", l.holder, "term", term,
			"waited", time.Since(waited).Round(time.Millisecond))
		err = lead(ctx, e, &leaderCfg, l, setHandler)
		setHandler(standby)
		if !errors.Is(err, errLeaseLost) {
			// stopped, ended normally (end of input) or failed
			l.release()
			return err
		}
		log.Warn("leader lease lost: disconnected from the chat servers, standing by")
	}
}

// lead runs the bot until ctx ends (then it returns nil), the lease is
// lost (errLeaseLost), the bot ends normally (nil) or fails.
func lead(ctx context.Context, e *env, cfg *config.Config, l *lease, setHandler func(http.Handler)) error {
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var lost atomic.Bool
	go l.keep(lctx, func() {
		lost.Store(true)
		cancel()
	})
	a, err := newApp(lctx, cfg, e, nil, nil)
	if err != nil {
		if lost.Load() {
			return errLeaseLost
		}
		return err
	}
	defer a.Close()
	a.hub.Fence(func() error {
		if !l.held() {
			return errLeaseLost
		}
		return nil
	})
	a.Metrics().Leader(l.held)
	setHandler(a.mux)
	a.log.Info("entraide started", "version", version, "adapters", len(a.bot.Adapters()), "communities", len(a.comms),
		"leader", true)
	err = a.Run(lctx)
	if lost.Load() {
		return errLeaseLost
	}
	if err != nil {
		return fmt.Errorf("stopped: %w", err)
	}
	return nil
}
