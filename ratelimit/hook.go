package ratelimit

import (
	"context"
	"time"

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
			// whole seconds, rounded up: « 0 s » would invite a resend now
			secs := int((v.Wait + time.Second - 1) / time.Second)
			if secs < 1 {
				secs = 1
			}
			if _, err := req.Reply(ctx, bot.T(noticeLang(req), key, secs)); err != nil {
				req.Bot.Logger().Warn("rate limit notice not sent", "room", m.Room.Key(), "err", err)
			}
		}
		return true
	}
}

// noticeLang is the room's configured language, else the language the
// matcher detects in the message (run once per notice, not per message).
func noticeLang(req *bot.Request) string {
	if _, ok := req.Bot.Options().RoomLang[req.Msg.Room.Key()]; ok || req.Msg.Lang != "" {
		return req.Lang
	}
	if m, _ := req.Bot.FAQ(); m != nil {
		if l := m.Match(req.Msg.Text, req.Lang).Lang; l != "" {
			return l
		}
	}
	return req.Lang
}
