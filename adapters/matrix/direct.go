package matrix

import (
	"context"
	"errors"
	"fmt"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
)

var _ bot.DirectRoomer = (*Adapter)(nil)

// DirectRoom implements bot.DirectRoomer: a direct room with the user that
// the bot's m.direct account data lists and the user is still in (joined
// or invited), else a new one the user is invited to, recorded in m.direct
// as clients do so that both sides show it as a direct chat.
func (a *Adapter) DirectRoom(ctx context.Context, userID string) (bot.Room, error) {
	select {
	case <-a.ready:
	case <-ctx.Done():
		return bot.Room{}, ctx.Err()
	}
	uid := id.UserID(userID)
	if _, _, err := uid.Parse(); err != nil || uid == a.userID {
		return bot.Room{}, fmt.Errorf("matrix: %q is not another user's id", userID)
	}
	direct := event.DirectChatsEventContent{}
	if err := a.cli.GetAccountData(ctx, event.AccountDataDirectChats.Type, &direct); err != nil && !errors.Is(err, mautrix.MNotFound) {
		return bot.Room{}, fmt.Errorf("matrix: reading m.direct: %w", err)
	}
	for i := len(direct[uid]) - 1; i >= 0; i-- {
		room := direct[uid][i]
		var m event.MemberEventContent
		if err := a.cli.StateEvent(ctx, room, event.StateMember, uid.String(), &m); err != nil {
			continue // the bot left, or the room is gone
		}
		if m.Membership == event.MembershipJoin || m.Membership == event.MembershipInvite {
			return bot.Room{Adapter: a.Name(), ID: room.String(), Direct: true}, nil
		}
	}
	resp, err := a.cli.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "trusted_private_chat", IsDirect: true,
		Invite: []id.UserID{uid}})
	if err != nil {
		return bot.Room{}, fmt.Errorf("matrix: opening a direct room with %s: %w", uid, err)
	}
	direct[uid] = append(direct[uid], resp.RoomID)
	if err := a.cli.SetAccountData(ctx, event.AccountDataDirectChats.Type, direct); err != nil {
		// The room works; only its reuse next time is lost.
		a.log.Warn("recording a direct room in m.direct failed", "room", resp.RoomID, "err", err)
	}
	return bot.Room{Adapter: a.Name(), ID: resp.RoomID.String(), Direct: true}, nil
}
