package matrix

import (
	"context"
	"strconv"
	"strings"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
)

// The sync handlers below run on the sync goroutine: they only filter and
// queue. Anything that does I/O beyond a quick local read runs in the room's
// worker.

// initialSync reports whether ctx belongs to the very first sync of this
// account: its timelines are history from before the bot existed here.
func initialSync(ctx context.Context) bool {
	since, _ := ctx.Value(mautrix.SyncTokenContextKey).(string)
	return since == ""
}

// isHistory reports whether evt predates the bot's latest join of its room.
func (a *Adapter) isHistory(ctx context.Context, evt *event.Event) bool {
	if initialSync(ctx) {
		return true
	}
	a.mu.Lock()
	joined, ok := a.joinedAt[evt.RoomID]
	a.mu.Unlock()
	return ok && evt.Timestamp < joined
}

func (a *Adapter) onMessage(ctx context.Context, evt *event.Event) {
	if evt.Sender == a.userID || a.isHistory(ctx, evt) {
		return
	}
	msg := evt.Content.AsMessage()
	if msg.MsgType != event.MsgText || msg.RelatesTo.GetReplaceID() != "" {
		return // notices come from bots; edits would make the bot answer twice
	}
	a.queue.push(evt.RoomID, func(ctx context.Context, in bot.Inbox) { a.answer(ctx, in, evt) })
}

// message is evt as the core sees it.
func (a *Adapter) message(ctx context.Context, evt *event.Event) bot.Message {
	msg := *evt.Content.AsMessage()
	msg.RemoveReplyFallback()
	return bot.Message{
		ID:       evt.ID.String(),
		Room:     a.room(ctx, evt.RoomID),
		Sender:   a.user(ctx, evt.RoomID, evt.Sender),
		Text:     a.stripAddress(ctx, evt.RoomID, msg.Body),
		ThreadID: msg.RelatesTo.GetThreadParent().String(),
		ReplyTo:  msg.RelatesTo.GetNonFallbackReplyTo().String(),
		Time:     time.UnixMilli(evt.Timestamp),
	}
}

func (a *Adapter) onReaction(ctx context.Context, evt *event.Event) {
	if evt.Sender == a.userID || a.isHistory(ctx, evt) {
		return
	}
	rel := evt.Content.AsReaction().GetRelatesTo()
	if rel.Type != event.RelAnnotation || rel.EventID == "" {
		return
	}
	a.queue.push(evt.RoomID, func(ctx context.Context, in bot.Inbox) {
		if !a.firstSeen(ctx, evt.ID) {
			return
		}
		in.Reaction(ctx, bot.Reaction{
			ID:       evt.ID.String(),
			Room:     a.room(ctx, evt.RoomID),
			Sender:   a.user(ctx, evt.RoomID, evt.Sender),
			TargetID: rel.EventID.String(),
			Key:      normalizeEmoji(rel.Key),
			Time:     time.UnixMilli(evt.Timestamp),
		})
	})
}

// normalizeEmoji drops variation selectors, so "👍️" and "👍" are one key.
func normalizeEmoji(k string) string { return strings.ReplaceAll(k, "\ufe0f", "") }

func (a *Adapter) onMember(ctx context.Context, evt *event.Event) {
	if evt.GetStateKey() != a.userID.String() {
		return
	}
	switch evt.Content.AsMember().Membership {
	case event.MembershipInvite:
		// The invite shows up again in the room's timeline once joined;
		// only the invite section's copy is acted on.
		if evt.Mautrix.EventSource&event.SourceInvite == 0 {
			return
		}
		if !a.inviteAllowed(evt.Sender) {
			a.log.Info("matrix: ignoring an invite from a sender not in invite_allow", "room", evt.RoomID, "sender", evt.Sender)
			return
		}
		a.queue.push(evt.RoomID, func(ctx context.Context, _ bot.Inbox) {
			if _, err := a.cli.JoinRoomByID(ctx, evt.RoomID); err != nil {
				a.log.Warn("matrix: joining after an invite", "room", evt.RoomID, "err", err)
				return
			}
			a.log.Info("matrix: joined a room after an invite", "room", evt.RoomID, "inviter", evt.Sender)
		})
	case event.MembershipLeave, event.MembershipBan:
		if evt.Sender == a.userID || evt.Mautrix.EventSource&event.SourceTimeline == 0 {
			return
		}
		// joinedAt stays: a later join replaces it, and the kick may share a
		// batch with that join and the messages in between.
		a.queue.push(evt.RoomID, func(ctx context.Context, _ bot.Inbox) {
			if !a.firstSeen(ctx, evt.ID) {
				return
			}
			if _, err := a.cli.ForgetRoom(ctx, evt.RoomID); err != nil {
				a.log.Warn("matrix: forgetting a room after being removed", "room", evt.RoomID, "by", evt.Sender, "err", err)
				return
			}
			a.log.Info("matrix: removed from a room; forgot it", "room", evt.RoomID, "by", evt.Sender)
		})
	}
}

func (a *Adapter) onRoomName(_ context.Context, evt *event.Event) {
	a.mu.Lock()
	a.roomNames[evt.RoomID] = evt.Content.AsRoomName().Name
	a.mu.Unlock()
}

// inviteAllowed applies InviteAllow: exact user ids, ":server" suffixes,
// or "*" for anyone.
func (a *Adapter) inviteAllowed(sender id.UserID) bool {
	for _, allow := range a.opts.InviteAllow {
		if allow == "*" {
			return true
		}
		if strings.HasPrefix(allow, ":") {
			if strings.HasSuffix(sender.String(), allow) {
				return true
			}
		} else if allow == sender.String() {
			return true
		}
	}
	return false
}

// noteJoins records, before the batch is dispatched, when the bot joined
// each room, so that messages sent before the join (which the homeserver
// includes in the first timeline) are not answered.
func (a *Adapter) noteJoins(ctx context.Context, resp *mautrix.RespSync) {
	for roomID, room := range resp.Rooms.Join {
		for _, list := range [][]*event.Event{room.State.Events, room.Timeline.Events} {
			for _, evt := range list {
				if evt.Type != event.StateMember || evt.GetStateKey() != a.userID.String() {
					continue
				}
				if m, _ := evt.Content.Raw["membership"].(string); m != "join" {
					continue
				}
				prev := ""
				if evt.Unsigned.PrevContent != nil {
					prev, _ = evt.Unsigned.PrevContent.Raw["membership"].(string)
				}
				a.mu.Lock()
				_, known := a.joinedAt[roomID]
				if prev != "join" || !known {
					a.joinedAt[roomID] = evt.Timestamp
				}
				ts := a.joinedAt[roomID]
				a.mu.Unlock()
				if prev != "join" || !known {
					_ = a.opts.State.Put(ctx, a.opts.Name, "joined_at:"+roomID.String(), strconv.FormatInt(ts, 10))
				}
			}
		}
	}
}

// loadJoinedAt reads the join times saved by noteJoins for the rooms the
// homeserver says the bot is in.
func (a *Adapter) loadJoinedAt(ctx context.Context) error {
	var rooms *mautrix.RespJoinedRooms
	err := a.retry(ctx, true, func() (err error) {
		rooms, err = a.cli.JoinedRooms(ctx)
		return err
	})
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, r := range rooms.JoinedRooms {
		v, ok, err := a.opts.State.Get(ctx, a.opts.Name, "joined_at:"+r.String())
		if err != nil {
			return err
		}
		if ts, perr := strconv.ParseInt(v, 10, 64); ok && perr == nil {
			a.joinedAt[r] = ts
		}
	}
	return nil
}

// firstSeen records an event as handled; false means it already was (a
// replayed batch after a restart) or that the store failed, in which case
// the event is skipped rather than risk a double answer.
func (a *Adapter) firstSeen(ctx context.Context, evt id.EventID) bool {
	ok, err := a.opts.State.FirstSeen(ctx, a.opts.Name, evt.String())
	if err != nil {
		a.log.Error("matrix: recording a handled event", "event", evt, "err", err)
		return false
	}
	return ok
}

// room describes a Matrix room for the core. A room with two members is a
// direct conversation.
func (a *Adapter) room(ctx context.Context, roomID id.RoomID) bot.Room {
	r := bot.Room{Adapter: a.opts.Name, ID: roomID.String()}
	a.mu.Lock()
	name, known := a.roomNames[roomID]
	a.mu.Unlock()
	if !known {
		var c event.RoomNameEventContent
		if err := a.cli.StateEvent(ctx, roomID, event.StateRoomName, "", &c); err == nil {
			name = c.Name
		}
		a.mu.Lock()
		a.roomNames[roomID] = name
		a.mu.Unlock()
	}
	r.Name = name
	if members, err := a.cli.StateStore.GetRoomJoinedOrInvitedMembers(ctx, roomID); err == nil {
		r.Direct = len(members) == 2
	}
	return r
}

func (a *Adapter) user(ctx context.Context, roomID id.RoomID, u id.UserID) bot.User {
	out := bot.User{ID: u.String()}
	if m, err := a.cli.StateStore.GetMember(ctx, roomID, u); err == nil && m != nil {
		out.Name = m.Displayname
	}
	return out
}

// stripAddress removes a leading "entraide: " (how clients write a mention
// of the bot in the plain body) so the matcher sees only the question.
func (a *Adapter) stripAddress(ctx context.Context, roomID id.RoomID, text string) string {
	names := []string{a.userID.String(), a.userID.Localpart()}
	if m, err := a.cli.StateStore.GetMember(ctx, roomID, a.userID); err == nil && m != nil && m.Displayname != "" {
		names = append(names, m.Displayname)
	}
	t := strings.TrimSpace(text)
	for _, n := range names {
		if len(t) > len(n) && strings.EqualFold(t[:len(n)], n) {
			rest := t[len(n):]
			if r := rest[0]; r == ':' || r == ',' {
				return strings.TrimSpace(rest[1:])
			}
		}
	}
	return t
}
