package main

import (
	"context"
	"fmt"
	"net"
	"time"

	"codeberg.org/entraide/entraide/web"
)

// wireWeb serves the mentors' web page on web.listen (when set). It listens
// at start, so a taken port is a start-up error.
func wireWeb(_ context.Context, a *app) error {
	c := a.cfg.Web
	if c.Listen == "" {
		return nil
	}
	loc, err := time.LoadLocation(a.cfg.Bot.Timezone)
	if err != nil {
		return fmt.Errorf("bot.timezone %q: %w", a.cfg.Bot.Timezone, err)
	}
	// One site for every community: each its own desk, records, drafts
	// and announcements; a mentor sees only the communities they serve.
	o := web.Options{Key: []byte(c.SessionKey), SessionTTL: c.Session.Duration, Lang: a.cfg.Bot.Language,
		Location: loc, Logger: a.log}
	for _, g := range a.comms {
		wc := web.Community{Name: g.cfg.Name, Chat: g.bot, Actions: g.desk, Records: g.store,
			DraftsDir: draftsDir(a.cfg, g.cfg, a.faqFS != nil)}
		if g.announcer != nil {
			wc.Announcements = g.announcer
		}
		o.Communities = append(o.Communities, wc)
	}
	site, err := web.New(o)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return fmt.Errorf("web.listen %s: %w", c.Listen, err)
	}
	a.serveHTTP(ln, site, "web page")
	a.webAddr = ln.Addr().String()
	a.log.Info("mentors' web page listening", "addr", a.webAddr)
	return nil
}
