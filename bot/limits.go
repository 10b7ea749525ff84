package bot

import "context"

// MaxMessageBytes is the largest message the bot reads. A longer one is
// answered with a short request to shorten it and never reaches the FAQ,
// the tickets or a command: a question fits in far less, and pasted logs
// belong in a file. Adapters may cut what they read a little above it.
const MaxMessageBytes = 16 << 10

// tooLong answers a message over MaxMessageBytes with a request to shorten
// it and reports whether it was one. In the mentors' room, where the bot
// only takes commands, a long message that is not one is left alone.
func (b *Bot) tooLong(ctx context.Context, req *Request) bool {
	m := req.Msg
	if len(m.Text) <= MaxMessageBytes {
		return false
	}
	name, _, isCommand := parseCommand(m.Text[:min(len(m.Text), 64)])
	if c, ok := b.commands[name]; ok && isCommand && b.explicitLang(m) == "" {
		if l := aliasLang(c, name); l != "" {
			req.Lang = l // "!help ..." is answered in English
		}
	}
	speak := isCommand || !b.IsMentorsRoom(m.Room)
	b.log.Info("message too long", "room", m.Room.Key(), "bytes", len(m.Text), "answered", speak)
	key := "too_long"
	if isCommand {
		key = "too_long_cmd" // a mentor's « !repondre » has no question to keep
	}
	if speak {
		b.reply(ctx, req, req.T(key, MaxMessageBytes>>10))
	}
	return true
}
