package bot

import "context"

// Adapter connects the bot to one chat protocol. It is deliberately small: a
// new protocol is one folder under adapters/ implementing these three methods.
type Adapter interface {
	// Name identifies this adapter instance ("console", "matrix", "xmpp");
	// it is stored with tickets, so it must be stable across restarts.
	Name() string
	// Run connects and delivers incoming events to in until ctx is done or
	// the adapter has nothing more to read (the console at EOF). It returns
	// nil on a clean end.
	Run(ctx context.Context, in Inbox) error
	// Send posts a reply and returns the protocol id of the sent message.
	Send(ctx context.Context, r Reply) (string, error)
}

// Inbox receives what adapters read. The bot implements it; adapters must not
// assume more than these two calls.
type Inbox interface {
	Message(ctx context.Context, m Message)
	Reaction(ctx context.Context, r Reaction)
}

// RoomMembers is implemented by adapters that know who is in the rooms the
// bot is in; the Hub uses it to tell which community a direct chat is for.
type RoomMembers interface {
	// InRoom reports whether userID (as the adapter names users) is in room.
	InRoom(ctx context.Context, room, userID string) bool
}

// StatusReporter is implemented by adapters that know whether they are
// currently connected (used by health checks).
type StatusReporter interface {
	Connected() bool
}

// DirectRoomer is implemented by adapters that can reach a user in a direct
// conversation the user did not start (to send a login code, say).
type DirectRoomer interface {
	DirectRoom(ctx context.Context, userID string) (Room, error)
}
