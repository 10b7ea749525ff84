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

// Hot reload: the FAQ (and whatever feature joins with onReload) is read
// again when its files change, when a git pull brings changes, and on
// !reload. A reload that fails keeps what is being served and tells the
// mentors' room, once per distinct failure.

// reloader is one feature's reload step (announcements...).
type reloader struct {
	name string
	fn   func(ctx context.Context) error
}

// onReload makes fn part of every reload. fn must keep serving what it had
// when it returns an error; the error text (file:line lines) is shown to
// the mentors.
func (a *app) onReload(name string, fn func(ctx context.Context) error) {
	a.ops.reloaders = append(a.ops.reloaders, reloader{name, fn})
}

func wireReload(_ context.Context, a *app) error {
	a.bot.Handle(&bot.Command{
		Names: []string{"recharger", "reload"},
		Help:  "help.reload",
		Admin: true,
		Run: func(ctx context.Context, req *bot.Request) error {
			n, err := a.reload(ctx, "command")
			if err != nil {
				_, err = req.Reply(ctx, req.T("reload.failed", problemList(err)))
				return err
			}
			_, err = req.Reply(ctx, req.T("reload.done", n))
			return err
		},
	})
	rc := a.cfg.Reload
	if rc.Watch && a.faqFS == nil {
		dirs := []string{a.cfg.Bot.FAQDir}
		if a.annFS == nil {
			dirs = append(dirs, a.cfg.Bot.AnnounceDir)
		}
		w, err := reload.NewWatcher(a.log, dirs...)
		if err != nil {
			return err
		}
		started := false
		a.closer = append(a.closer, func() {
			if !started {
				w.Close()
			}
		})
		a.bot.Go(func(ctx context.Context) error {
			started = true
			return w.Run(ctx, rc.Debounce.Duration, func(ctx context.Context) {
				a.reload(ctx, "files changed")
			})
		})
	}
	if rc.GitPull.Duration > 0 && rc.GitRepo != "" {
		a.bot.Go(func(ctx context.Context) error {
			t := time.NewTicker(rc.GitPull.Duration)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return nil
				case <-t.C:
				}
				changed, err := reload.Pull(ctx, rc.GitRepo)
				if err != nil {
					a.log.Warn("git pull failed; serving the current files", "err", err)
					continue
				}
				if changed && !(rc.Watch && a.faqFS == nil) {
					a.reload(ctx, "git pull")
				}
			}
		})
	}
	return nil
}

// reload reads the FAQ and every joined feature again. It returns the
// number of FAQ entries now served; on error what was served stays.
func (a *app) reload(ctx context.Context, why string) (int, error) {
	st := &a.ops
	st.reloadMu.Lock()
	defer st.reloadMu.Unlock()
	start := time.Now()
	var errs []error
	n, err := a.reloadFAQ()
	if err != nil {
		errs = append(errs, err)
	}
	for _, r := range st.reloaders {
		if err := r.fn(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s:\n%w", r.name, err))
		}
	}
	err = errors.Join(errs...)
	a.Metrics().Reloaded(err == nil)
	if err == nil {
		st.reported = ""
		a.log.Info("reloaded", "why", why, "entries", n, "took", time.Since(start).Round(time.Millisecond))
		return n, nil
	}
	a.log.Warn("reload failed; still serving the previous version", "why", why, "err", err)
	if msg := err.Error(); msg != st.reported {
		st.reported = msg
		a.tellMentors(ctx, err)
	}
	return n, err
}

// reloadFAQ loads, lints and indexes the FAQ, then swaps it in atomically.
func (a *app) reloadFAQ() (int, error) {
	var kb *faq.KB
	var err error
	if a.faqFS != nil {
		kb, err = faq.LoadFS(a.faqFS)
	} else {
		kb, err = faq.LoadDir(a.cfg.Bot.FAQDir)
	}
	if err != nil {
		return a.servedEntries(), err
	}
	m, err := newMatcher(kb, a.cfg)
	if err != nil {
		return a.servedEntries(), fmt.Errorf("FAQ matcher: %w", err)
	}
	a.bot.SetFAQ(m, kb)
	return len(kb.Served()), nil
}

func (a *app) servedEntries() int {
	if _, kb := a.bot.FAQ(); kb != nil {
		return len(kb.Served())
	}
	return 0
}

func (a *app) tellMentors(ctx context.Context, err error) {
	r := a.cfg.Mentors.Room
	if r.ID == "" {
		return
	}
	room := bot.Room{Adapter: r.Adapter, ID: r.ID}
	text := bot.T(a.bot.RoomLang(room), "reload.failed", problemList(err))
	if _, err := a.bot.Send(ctx, bot.Reply{Room: room, Text: text}); err != nil {
		a.log.Warn("could not tell the mentors' room about the failed reload", "err", err)
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
