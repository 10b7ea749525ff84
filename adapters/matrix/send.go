package matrix

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
)

// Send implements bot.Adapter: an m.notice (bots must not trigger other
// bots) with an HTML body, replying to the asker's event, inside the thread
// when there is one, and mentioning the asker with a pill. In an encrypted
// room mautrix encrypts it. Failures that surely did not post (homeserver
// down, rate limit) are retried for up to a minute.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) (string, error) {
	select {
	case <-a.ready:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	if !strings.HasPrefix(r.Room.ID, "!") {
		return "", fmt.Errorf("matrix: %q is not a room id", r.Room.ID)
	}
	body, formatted := render(r.Text, validMention(r.Mention))
	content := &event.MessageEventContent{
		MsgType:       event.MsgNotice,
		Body:          body,
		Format:        event.FormatHTML,
		FormattedBody: formatted,
		Mentions:      &event.Mentions{},
	}
	if m := validMention(r.Mention); m != nil {
		content.Mentions.UserIDs = []id.UserID{id.UserID(m.ID)}
	}
	switch {
	case r.ThreadID != "":
		content.RelatesTo = &event.RelatesTo{Type: event.RelThread, EventID: id.EventID(r.ThreadID)}
		if r.InReplyTo != "" {
			content.RelatesTo.InReplyTo = &event.InReplyTo{EventID: id.EventID(r.InReplyTo)}
		}
	case r.InReplyTo != "":
		content.RelatesTo = (&event.RelatesTo{}).SetReplyTo(id.EventID(r.InReplyTo))
	}

	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var resp *mautrix.RespSendEvent
	// One transaction id for every attempt: a retry after a lost response
	// cannot post the message twice.
	txn := a.cli.TxnID()
	err := a.retry(ctx, false, func() (err error) {
		resp, err = a.cli.SendMessageEvent(ctx, id.RoomID(r.Room.ID), event.EventMessage, content, mautrix.ReqSendEvent{TransactionID: txn})
		return err
	})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("homeserver unreachable for a minute: %w", err)
		}
		return "", fmt.Errorf("matrix: sending to %s: %w", r.Room.ID, err)
	}
	return resp.EventID.String(), nil
}

func validMention(u *bot.User) *bot.User {
	if u == nil || !strings.HasPrefix(u.ID, "@") {
		return nil
	}
	if _, _, err := id.UserID(u.ID).Parse(); err != nil {
		return nil
	}
	return u
}
