package bot

import (
	"context"
	"sync/atomic"

	"codeberg.org/entraide/entraide/faq"
)

// Request is one incoming message on its way through the router.
type Request struct {
	Bot     *Bot
	Msg     Message
	Lang    string      // language to answer in
	Command string      // canonical command name, when the message is a command
	Args    string      // the text after the command word
	Match   *faq.Result // the FAQ verdict, once the matcher ran

	replies   int32 // replies sent through Reply (for observers)
	addressed bool  // the message named the bot first ("entraide: ...")
	// offeredFor is, for a number picking an entry from a "did you mean" or
	// "voir aussi" list, the question the list was offered for.
	offeredFor *Request
}

// Reply answers the asker in the same room and thread, as a reply that
// mentions them.
func (r *Request) Reply(ctx context.Context, text string) (string, error) {
	sender := r.Msg.Sender
	atomic.AddInt32(&r.replies, 1)
	return r.Bot.Send(ctx, Reply{
		Room:      r.Msg.Room,
		Text:      text,
		InReplyTo: r.Msg.ID,
		ThreadID:  r.Msg.ThreadID,
		Mention:   &sender,
		lang:      r.Lang,
	})
}

// T translates key into the request's language.
func (r *Request) T(key string, args ...any) string { return T(r.Lang, key, args...) }

// IsMentor reports whether the sender is a mentor.
func (r *Request) IsMentor() bool { return r.Bot.IsMentor(r.Msg.Room.Adapter, r.Msg.Sender) }

// IsAdmin reports whether the sender is an admin.
func (r *Request) IsAdmin() bool { return r.Bot.IsAdmin(r.Msg.Room.Adapter, r.Msg.Sender) }

// OfferedFor is, when the message picked an entry by number from a "did you
// mean" or "voir aussi" list, the question the list was offered for.
func (r *Request) OfferedFor() *Request { return r.offeredFor }
