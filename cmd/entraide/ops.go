package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/metrics"
	"codeberg.org/entraide/entraide/ratelimit"
)

// Operations: metrics and health over HTTP, and the rate limit. Features
// reach the metrics through a.Metrics() whatever order they are wired in.

// opsState is the operations part of an app.
type opsState struct {
	metrics  *metrics.Metrics
	httpAddr string // where the HTTP endpoints listen, once started
}

// Metrics returns the app's metrics, created on first use; they count
// the messages of every community.
func (a *app) Metrics() *metrics.Metrics {
	if a.ops.metrics != nil {
		return a.ops.metrics
	}
	if len(a.cfg.Communities) == 0 {
		a.ops.metrics = metrics.New(a.bot)
		a.ops.metrics.Tickets(a.comms[0].store)
		return a.ops.metrics
	}
	var cs []metrics.Community
	for _, c := range a.comms {
		cs = append(cs, metrics.Community{Name: c.cfg.Name, Bot: c.bot, Tickets: c.store})
	}
	a.ops.metrics = metrics.ForCommunities(cs)
	return a.ops.metrics
}

func wireRateLimit(_ context.Context, a *app) error {
	rl := a.cfg.RateLimit
	if rl.UserPerMinute <= 0 && rl.RoomPerMinute <= 0 {
		return nil
	}
	l := ratelimit.New(ratelimit.Config{UserPerMinute: rl.UserPerMinute, UserBurst: rl.UserBurst,
		RoomPerMinute: rl.RoomPerMinute, RoomBurst: rl.RoomBurst})
	m := a.Metrics()
	hook := l.Hook(func(_ *bot.Request, v ratelimit.Verdict) {
		if v.Room {
			m.Throttled("room")
		} else {
			m.Throttled("user")
		}
	})
	for _, c := range a.comms {
		c.bot.BeforeFirst(hook) // one limiter: a person's budget is bot-wide
	}
	return nil
}

// wireHTTP listens on bot.listen (when set) at start, so a taken port is a
// start-up error, and serves a.mux while the bot runs.
func wireHTTP(_ context.Context, a *app) error {
	m := a.Metrics()
	a.mux.Handle("GET /metrics", m.Handler())
	a.mux.Handle("GET /healthz", m.Health())
	if a.cfg.Bot.Listen == "" {
		return nil
	}
	ln, err := net.Listen("tcp", a.cfg.Bot.Listen)
	if err != nil {
		return fmt.Errorf("bot.listen %s: %w", a.cfg.Bot.Listen, err)
	}
	a.serveHTTP(ln, a.mux, "HTTP server")
	a.ops.httpAddr = ln.Addr().String()
	a.log.Info("HTTP endpoints listening", "addr", a.ops.httpAddr)
	return nil
}

// serveHTTP serves h on ln while the bot runs and shuts it down (5 s grace)
// when the bot stops; what is the server's name in its errors.
func (a *app) serveHTTP(ln net.Listener, h http.Handler, what string) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	a.closer = append(a.closer, func() { srv.Close() })
	a.hub.Go(func(ctx context.Context) error {
		errc := make(chan error, 1)
		go func() { errc <- srv.Serve(ln) }()
		select {
		case err := <-errc:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return fmt.Errorf("%s: %w", what, err)
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			srv.Shutdown(sctx)
			return nil
		}
	})
}
