package tickets

import (
	"context"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

// runJobs is the background job: every Tick it sends due reminders and
// applies the retention policy. A failing pass is logged, not fatal: the
// next tick tries again.
func (tk *Desk) runJobs(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tk.clock.After(tk.opts.Tick):
		}
		if err := tk.RunJobs(ctx); err != nil && ctx.Err() == nil {
			tk.log.Error("ticket jobs failed", "err", err)
		}
	}
}

// RunJobs does one pass of the background work now: reminders for tickets
// left waiting, then the retention purge.
func (tk *Desk) RunJobs(ctx context.Context) error {
	if err := tk.remind(ctx); err != nil {
		return err
	}
	if tk.opts.Retention > 0 {
		n, err := tk.store.PurgeResolved(ctx, tk.clock.Now().Add(-tk.opts.Retention))
		if err != nil {
			return err
		}
		if n > 0 {
			tk.log.Info("purged the text of old resolved tickets", "tickets", n)
		}
	}
	return nil
}

// remind re-announces open tickets nobody claimed for RemindAfter and
// claimed ones idle for ClaimedIdle, then again every RemindEvery.
func (tk *Desk) remind(ctx context.Context) error {
	if tk.opts.RemindAfter <= 0 && tk.opts.ClaimedIdle <= 0 {
		return nil
	}
	ts, err := tk.store.Tickets(ctx, Filter{States: []State{Open, Claimed}})
	if err != nil {
		return err
	}
	now := tk.clock.Now()
	lang := tk.mentorsLang()
	for _, t := range ts {
		if !tk.due(t, now) {
			continue
		}
		idle := Age(lang, now.Sub(t.Updated))
		var text string
		if t.State == Open {
			text = bot.T(lang, "ticket.remind_open", t.ID, idle, tk.who(t), tk.where(t))
		} else {
			text = bot.T(lang, "ticket.remind_claimed", t.ID, bot.EscapeMarkdown(t.Mentor.DisplayName()), idle, tk.who(t), tk.where(t))
		}
		text += "\n" + bot.Quote(excerpt(t.Question, 200))
		tk.toMentors(ctx, text, "")
		if err := tk.store.MarkReminded(ctx, t.ID, now); err != nil {
			return err
		}
	}
	return nil
}

// due reports whether ticket t needs a reminder at now. Every state change
// clears Reminded, so the wait starts again after a claim or unclaim.
func (tk *Desk) due(t *Ticket, now time.Time) bool {
	var after time.Duration
	switch t.State {
	case Open:
		after = tk.opts.RemindAfter
	case Claimed:
		after = tk.opts.ClaimedIdle
	}
	if after <= 0 || now.Sub(t.Updated) < after {
		return false
	}
	if t.Reminded.IsZero() {
		return true
	}
	return tk.opts.RemindEvery > 0 && now.Sub(t.Reminded) >= tk.opts.RemindEvery
}

// firstLine is the question without the follow-up added by feedback.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}
