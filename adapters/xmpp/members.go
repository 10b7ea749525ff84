package xmpp

import (
	"context"

	"codeberg.org/entraide/entraide/bot"
)

var _ bot.RoomMembers = (*Adapter)(nil)

// InRoom implements bot.RoomMembers: whether the bare JID userID is an
// occupant of the room, as far as the room shows real JIDs.
func (a *Adapter) InRoom(_ context.Context, room, userID string) bool {
	real := bareJID(userID)
	a.mu.Lock()
	defer a.mu.Unlock()
	r := a.rooms[room]
	if r == nil {
		return false
	}
	for _, j := range r.occupants {
		if j != "" && j == real {
			return true
		}
	}
	return false
}
