package matrix

import (
	"context"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
)

var _ bot.RoomMembers = (*Adapter)(nil)

// InRoom implements bot.RoomMembers from the room state the client keeps.
func (a *Adapter) InRoom(ctx context.Context, room, userID string) bool {
	select {
	case <-a.ready:
	default:
		return false
	}
	m, err := a.cli.StateStore.GetMember(ctx, id.RoomID(room), id.UserID(userID))
	return err == nil && m != nil && m.Membership == event.MembershipJoin
}
