package matrix

import (
	"context"
	"slices"
	"strconv"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// After a long outage a room's timeline in the first sync is "limited": it
// holds only the newest TimelineLimit events and a prev_batch token. The
// events before those are fetched with /messages and put in front of the
// timeline, so they go through the same handlers, decryption and dedup as
// the rest of the batch, oldest first, before the batch's token is saved.
const (
	gapPageSize = 100
	gapMaxPages = 10
	// gapMargin widens the fetch below the newest event the bot had seen,
	// for clock skew between servers; what it re-fetches is already
	// recorded as handled.
	gapMargin = time.Minute
)

// gapTypes are the events the bot answers or counts. State events are left
// out: the sync's state section is already newer than them.
var gapTypes = []event.Type{event.EventMessage, event.EventEncrypted, event.EventReaction}

func seenUntilKey(room id.RoomID) string { return "seen_until:" + room.String() }

// newestPerRoom is the time of the newest timeline event of each room of a
// sync batch.
func newestPerRoom(resp *mautrix.RespSync) map[id.RoomID]int64 {
	out := map[id.RoomID]int64{}
	for roomID, room := range resp.Rooms.Join {
		for _, evt := range room.Timeline.Events {
			out[roomID] = max(out[roomID], evt.Timestamp)
		}
	}
	return out
}

// fillGaps fetches, for each joined room whose timeline was cut short, the
// message events missed since the bot last synced that room. The very first
// sync of an account is all history and is left alone.
func (a *Adapter) fillGaps(ctx context.Context, resp *mautrix.RespSync, since string) error {
	if since == "" {
		return nil
	}
	for roomID, room := range resp.Rooms.Join {
		if !room.Timeline.Limited || room.Timeline.PrevBatch == "" {
			continue
		}
		bound, err := a.gapBound(ctx, roomID)
		if err != nil {
			return err
		}
		if bound == 0 {
			a.log.Warn("matrix: a room's timeline was cut short but the bot has no record of when it last saw it; older messages are skipped", "room", roomID)
			continue
		}
		missed, err := a.fetchGap(ctx, roomID, room.Timeline.PrevBatch, bound)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			a.log.Error("matrix: fetching the messages missed in a room", "room", roomID, "err", err)
			continue
		}
		if len(missed) > 0 {
			a.log.Info("matrix: fetched the messages missed while away", "room", roomID, "events", len(missed))
			room.Timeline.Events = append(missed, room.Timeline.Events...)
		}
	}
	return nil
}

// gapBound is the oldest event time worth fetching in room: the newest
// event the bot had synced there (less gapMargin), and never before its
// join. Zero: the bot never saved a sync of the room (a database from an
// older version), so it cannot tell missed messages from old ones whose
// handled records may have been purged.
func (a *Adapter) gapBound(ctx context.Context, room id.RoomID) (int64, error) {
	v, ok, err := a.opts.State.Get(ctx, a.opts.Name, seenUntilKey(room))
	if err != nil {
		return 0, err
	}
	ts, perr := strconv.ParseInt(v, 10, 64)
	if !ok || perr != nil || ts <= 0 {
		return 0, nil
	}
	seen := ts - gapMargin.Milliseconds()
	a.mu.Lock()
	joined := a.joinedAt[room]
	a.mu.Unlock()
	return max(seen, joined), nil
}

// fetchGap pages backwards from token until an event older than bound, the
// start of the room, or gapMaxPages pages, and returns the events oldest
// first.
func (a *Adapter) fetchGap(ctx context.Context, room id.RoomID, token string, bound int64) ([]*event.Event, error) {
	filter := &mautrix.FilterPart{Types: gapTypes}
	var got []*event.Event // newest first
	for range gapMaxPages {
		var page *mautrix.RespMessages
		err := a.retry(ctx, true, func() (err error) {
			page, err = a.cli.Messages(ctx, room, token, "", mautrix.DirectionBackward, filter, gapPageSize)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, evt := range page.Chunk {
			if evt.Timestamp < bound {
				slices.Reverse(got)
				return got, nil
			}
			if evt.StateKey != nil || !slices.ContainsFunc(gapTypes, func(t event.Type) bool { return t.Type == evt.Type.Type }) {
				continue
			}
			evt.RoomID = room
			got = append(got, evt)
		}
		if page.End == "" || len(page.Chunk) == 0 {
			slices.Reverse(got)
			return got, nil
		}
		token = page.End
	}
	a.log.Warn("matrix: too many messages missed in a room; the older ones are skipped", "room", room, "fetched", len(got))
	slices.Reverse(got)
	return got, nil
}
