package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/reload"
)

// Hot reload: a community's FAQ (and whatever feature joins with onReload)
// is read again when its files change, when a git pull brings changes, and
// on !reload in its rooms. A reload that fails keeps what is being served
// and tells that community's mentors' room, once per distinct failure; the
// other communities are untouched.

// reloader is one feature's reload step (announcements...).
type reloader struct {
	name string
	fn   func(ctx context.Context) error
}

// onReload makes fn part of every reload of c. fn must keep serving what it
// had when it returns an error; the error text (file:line lines) is shown
// to the mentors.
func (c *community) onReload(name string, fn func(ctx context.Context) error) {
	c.reloaders = append(c.reloaders, reloader{name, fn})
}

func wireReload(_ context.Context, a *app, c *community) error {
	c.bot.Handle(&bot.Command{
		Names: []string{"recharger", "reload"},
		Help:  "help.reload",
		Admin: true,
		Run: func(ctx context.Context, req *bot.Request) error {
			n, err := a.reloadCommunity(ctx, c, "command")
			if err != nil {
				_, err = req.Reply(ctx, req.T("reload.failed", problemList(err)))
				return err
			}
			_, err = req.Reply(ctx, req.T("reload.done", n))
			return err
		},
	})
	rc := a.cfg.Reload
	watching := rc.Watch && a.faqFS == nil
	if watching {
		dirs := []string{c.cfg.FAQDir}
		if a.annFS == nil {
			dirs = append(dirs, c.cfg.AnnounceDir)
		}
		w, err := reload.NewWatcher(c.bot.Logger(), dirs...)
		if err != nil {
			return err
		}
		started := false
		a.closer = append(a.closer, func() {
			if !started {
				w.Close()
			}
		})
		c.bot.Go(func(ctx context.Context) error {
			started = true
			return w.Run(ctx, rc.Debounce.Duration, func(ctx context.Context) {
				a.reloadCommunity(ctx, c, "files changed")
			})
		})
	}
	if repo := c.cfg.GitRepo; rc.GitPull.Duration > 0 && repo != "" {
		c.bot.Go(func(ctx context.Context) error {
			t := time.NewTicker(rc.GitPull.Duration)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return nil
				case <-t.C:
				}
				changed, err := reload.Pull(ctx, repo)
				if err != nil {
					c.bot.Logger().Warn("git pull failed; serving the current files", "err", err)
					continue
				}
				if changed && !watching {
					a.reloadCommunity(ctx, c, "git pull")
				}
			}
		})
	}
	return nil
}

// reload reloads every community, one after the other. It returns the
// number of FAQ entries now served in all; on error what was served stays
// where the error is, and the others are reloaded all the same.
func (a *app) reload(ctx context.Context, why string) (int, error) {
	total := 0
	var errs []error
	for _, c := range a.comms {
		n, err := a.reloadCommunity(ctx, c, why)
		total += n
		if err != nil {
			errs = append(errs, c.errorf("%w", err))
		}
	}
	return total, errors.Join(errs...)
}

// reloadCommunity reads c's FAQ and every joined feature again. It returns
// the number of FAQ entries now served; on error what was served stays.
func (a *app) reloadCommunity(ctx context.Context, c *community, why string) (int, error) {
	c.reloadMu.Lock()
	defer c.reloadMu.Unlock()
	start := time.Now()
	var errs []error
	n, err := a.reloadFAQ(c)
	if err != nil {
		errs = append(errs, err)
	}
	for _, r := range c.reloaders {
		if err := r.fn(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s:\n%w", r.name, err))
		}
	}
	err = errors.Join(errs...)
	a.Metrics().Reloaded(c.bot, err == nil)
	log := c.bot.Logger()
	if err == nil {
		c.reported = ""
		log.Info("reloaded", "why", why, "entries", n, "took", time.Since(start).Round(time.Millisecond))
		return n, nil
	}
	log.Warn("reload failed; still serving the previous version", "why", why, "err", err)
	if msg := err.Error(); msg != c.reported {
		c.reported = msg
		tellMentors(ctx, c, err)
	}
	return n, err
}

// reloadFAQ loads, lints and indexes c's FAQ, then swaps it in atomically.
func (a *app) reloadFAQ(c *community) (int, error) {
	var kb *faq.KB
	var err error
	if a.faqFS != nil {
		kb, err = faq.LoadFS(a.faqFS)
	} else {
		kb, err = faq.LoadDir(c.cfg.FAQDir)
	}
	if err != nil {
		return servedEntries(c.bot), err
	}
	m, err := matcherFor(kb, a.cfg, c.cfg.Calibration)
	if err != nil {
		return servedEntries(c.bot), fmt.Errorf("FAQ matcher: %w", err)
	}
	c.bot.SetFAQ(m, kb)
	return len(kb.Served()), nil
}

func servedEntries(b *bot.Bot) int {
	if _, kb := b.FAQ(); kb != nil {
		return len(kb.Served())
	}
	return 0
}

func tellMentors(ctx context.Context, c *community, err error) {
	r := c.cfg.MentorsRoom
	if r.ID == "" {
		return
	}
	room := bot.Room{Adapter: r.Adapter, ID: r.ID}
	text := bot.T(c.bot.RoomLang(room), "reload.failed", problemList(err))
	if _, err := c.bot.Send(ctx, bot.Reply{Room: room, Text: text}); err != nil {
		c.bot.Logger().Warn("could not tell the mentors' room about the failed reload", "err", err)
	}
}

// problemList formats a reload error as a Markdown list, at most 20 lines.
func problemList(err error) string {
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	const max = 20
	more := 0
	if len(lines) > max {
		more = len(lines) - max
		lines = lines[:max]
	}
	var sb strings.Builder
	for _, l := range lines {
		sb.WriteString("- `" + strings.ReplaceAll(l, "`", "'") + "`\n")
	}
	if more > 0 {
		fmt.Fprintf(&sb, "- … (+%d)\n", more)
	}
	return strings.TrimRight(sb.String(), "\n")
}
