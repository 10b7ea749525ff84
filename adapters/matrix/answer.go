package matrix

import (
	"context"
	"encoding/json"
	"errors"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
)

// Each message is answered once, crash or not. It is recorded as in
// progress before the core sees it and as done once the core returns, so a
// crash in between leaves it in progress. At the next start, before the
// first sync, each message left in progress goes back to its room's queue:
// if the room's timeline after it holds a reply of the bot to it (the answer
// was sent, the crash came after), it is marked done; otherwise the core
// gets it again. A core that chose not to answer simply decides again.
// In an encrypted room the reply's m.relates_to stays in the clear (mautrix
// copies it out of the ciphertext), so the check needs no decryption.
//
// The replayed sync batch brings such a message too; by then it is done,
// or, if the start-up check could not reach the homeserver, checked the
// same way.

// replyWindow is how many of the bot's messages after a message left
// unfinished are searched for its answer. The room's queue starts with that
// message after a restart, so only the bot's posts from elsewhere (relays,
// announcements) can come between it and its answer.
const replyWindow = 100

// crashPoint lets tests stop the process at the two moments a crash can
// split: after a message is recorded as in progress ("begun"), and after the
// core is done with it but before it is recorded as done ("answered").
var crashPoint = func(stage string, evt *event.Event) {}

// answer hands a message to the core once.
func (a *Adapter) answer(ctx context.Context, in bot.Inbox, evt *event.Event) {
	p, err := a.opts.State.Begin(ctx, a.opts.Name, evt.ID.String(), evt.RoomID.String())
	if err != nil {
		a.log.Error("matrix: recording a message in progress; skipped rather than risk a double answer", "event", evt.ID, "err", err)
		return
	}
	switch p {
	case bot.ProgressDone:
		return
	case bot.ProgressUnfinished:
		answered, err := a.answeredBefore(ctx, evt.RoomID, evt.ID)
		if err != nil {
			// Still in progress: the next start checks again.
			a.log.Warn("matrix: cannot check whether a message left unfinished by a stop was answered", "room", evt.RoomID, "event", evt.ID, "err", err)
			return
		}
		if answered {
			a.log.Info("matrix: a message left unfinished by a stop had been answered", "room", evt.RoomID, "event", evt.ID)
			a.finish(ctx, evt.ID)
			return
		}
		a.log.Info("matrix: answering a message left unfinished by a stop", "room", evt.RoomID, "event", evt.ID)
	}
	crashPoint("begun", evt)
	defer func() {
		if r := recover(); r != nil {
			a.finish(ctx, evt.ID) // a message that makes the core panic is not tried again at every start
			panic(r)
		}
	}()
	in.Message(ctx, a.message(ctx, evt))
	if ctx.Err() != nil {
		return // cut short by the stop's deadline: left in progress, checked at the next start
	}
	crashPoint("answered", evt)
	a.finish(ctx, evt.ID)
}

func (a *Adapter) finish(ctx context.Context, evt id.EventID) {
	if err := a.opts.State.Finish(ctx, a.opts.Name, evt.String()); err != nil {
		// The next start finds the answer and marks it done then.
		a.log.Error("matrix: recording a message as answered", "event", evt, "err", err)
	}
}

// resumeUnfinished queues the messages an earlier run left in progress,
// ahead of anything the first sync brings to their rooms.
func (a *Adapter) resumeUnfinished(ctx context.Context) error {
	list, err := a.opts.State.Unfinished(ctx, a.opts.Name)
	if err != nil {
		return err
	}
	for _, u := range list {
		room, evtID := id.RoomID(u.Room), id.EventID(u.EventID)
		a.queue.push(room, func(ctx context.Context, in bot.Inbox) {
			evt, err := a.fetchMessage(ctx, room, evtID)
			if err != nil {
				if errors.Is(err, mautrix.MNotFound) || errors.Is(err, mautrix.MForbidden) {
					// Redacted, or the bot was removed: nothing to answer.
					a.log.Info("matrix: a message left unfinished by a stop is gone", "room", room, "event", evtID, "err", err)
					a.finish(ctx, evtID)
					return
				}
				a.log.Warn("matrix: fetching a message left unfinished by a stop", "room", room, "event", evtID, "err", err)
				return
			}
			a.answer(ctx, in, evt)
		})
	}
	return nil
}

// fetchMessage gets one event of room, decrypted and parsed as the sync
// would hand it.
func (a *Adapter) fetchMessage(ctx context.Context, room id.RoomID, evtID id.EventID) (*event.Event, error) {
	var evt *event.Event
	err := a.retry(ctx, true, func() (err error) {
		evt, err = a.cli.GetEvent(ctx, room, evtID)
		return err
	})
	if err != nil {
		return nil, err
	}
	evt.RoomID = room
	if evt.Type == event.EventEncrypted {
		if a.cli.Crypto == nil {
			return nil, errors.New("encrypted, and encryption is off")
		}
		if err := evt.Content.ParseRaw(evt.Type); err != nil {
			return nil, err
		}
		if evt, err = a.cli.Crypto.Decrypt(ctx, evt); err != nil {
			return nil, err
		}
	}
	if evt.Content.Parsed == nil {
		if err := evt.Content.ParseRaw(evt.Type); err != nil {
			return nil, err
		}
	}
	return evt, nil
}

// answeredBefore reports whether the room's timeline after evt holds a
// message of the bot replying to it.
func (a *Adapter) answeredBefore(ctx context.Context, room id.RoomID, evt id.EventID) (bool, error) {
	filter := &mautrix.FilterPart{Senders: []id.UserID{a.userID}, Types: []event.Type{event.EventMessage, event.EventEncrypted}}
	var around *mautrix.RespContext
	err := a.retry(ctx, true, func() (err error) {
		// The limit is shared between the events before and after.
		around, err = a.cli.Context(ctx, room, evt, filter, 2*replyWindow)
		return err
	})
	if err != nil {
		return false, err
	}
	if a.repliesTo(around.EventsAfter, evt) {
		return true, nil
	}
	if len(around.EventsAfter) >= replyWindow {
		a.log.Warn("matrix: the bot wrote much since a message left unfinished by a stop; looked no further for its answer", "room", room, "event", evt)
	}
	return false, nil
}

// repliesTo reports whether one of evts is the bot's reply to target.
func (a *Adapter) repliesTo(evts []*event.Event, target id.EventID) bool {
	for _, e := range evts {
		if e.Sender != a.userID {
			continue
		}
		var c struct {
			RelatesTo *event.RelatesTo `json:"m.relates_to"`
		}
		if json.Unmarshal(e.Content.VeryRaw, &c) == nil && c.RelatesTo.GetReplyTo() == target {
			return true
		}
	}
	return false
}
