package bot

import "time"

// User is a chat participant as its protocol names it: "@bob:example.org" on
// Matrix, "bob@example.org" on XMPP, a plain name on the console.
type User struct {
	ID   string
	Name string // display name or nickname; may be empty
}

// DisplayName is the name to show to humans.
func (u User) DisplayName() string {
	if u.Name != "" {
		return u.Name
	}
	return u.ID
}

// Room is a conversation on one adapter. The pair (Adapter, ID) is unique
// across the whole bot, so a ticket opened on XMPP can be answered from Matrix.
type Room struct {
	Adapter string // the adapter instance's Name()
	ID      string // protocol room id ("!abc:example.org", "support@conference.example.org")
	Name    string // human name if known
	Direct  bool   // a 1:1 conversation with the bot
}

// Key is a stable text form of the room, used in logs and storage.
func (r Room) Key() string { return r.Adapter + ":" + r.ID }

// Message is one incoming chat message, already translated by its adapter.
type Message struct {
	ID       string // protocol message id, unique within the adapter
	Room     Room
	Sender   User
	Text     string
	ThreadID string // thread root id when the message is inside a thread
	ReplyTo  string // id of the message this one replies to, if any
	Lang     string // language hint from the adapter ("" when unknown)
	Time     time.Time
}

// Reply is one outgoing message. Text is Markdown written by the bot; user
// text that gets relayed must go through EscapeMarkdown first.
type Reply struct {
	Room      Room
	Text      string
	InReplyTo string // message id to reply to ("" for a plain post)
	ThreadID  string // thread to post in ("" for the main timeline)
	Mention   *User  // user to address (pill on Matrix, "nick: " on XMPP)

	lang string // the language the bot spoke in, remembered for the addressee
}

// Reaction is an emoji reaction to a message, e.g. 👍 on a bot answer.
type Reaction struct {
	ID       string
	Room     Room
	Sender   User
	TargetID string // the message reacted to
	Key      string // the emoji
	Time     time.Time
}
