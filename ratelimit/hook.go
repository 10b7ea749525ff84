package ratelimit

import (
	"context"

	"codeberg.org/entraide/entraide/bot"
)

// Hook is the router's first Before hook (install it with b.BeforeFirst).
// Mentors and admins are never limited. Over the limit the message is
// dropped; the user gets one short notice per window and nothing else.
// dropped, when non-nil, is told about every dropped message (metrics).
func (l *Limiter) Hook(dropped func(req *bot.Request, v Verdict)) bot.Hook {
	return func(ctx context.Context, req *bot.Request) bool {
		if req.IsMentor() {
			return false
		}
		m := req.Msg
		v := l.Allow(m.Room.Adapter+"|"+m.Sender.ID, m.Room.Key(), l.cfg.Now())
		if v.Allowed {
			return false
		}
		if dropped != nil {
			dropped(req, v)
		}
		if v.Notify {
			key := "ratelimit.user"
			if v.Room {
				key = "ratelimit.room"
			}
			if _, err := req.Reply(ctx, req.T(key)); err != nil {
				req.Bot.Logger().Warn("rate limit notice not sent", "room", m.Room.Key(), "err", err)
			}
		}
		return true
	}
}
