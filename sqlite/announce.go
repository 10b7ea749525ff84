package sqlite

import (
	"codeberg.org/entraide/entraide/bot"
)

var _ bot.AnnounceStore = (*DB)(nil)

func init() {
	register("announce",
		// One row per post. The unique slot is what makes "never twice" hold
		// across restarts and between two bots on one database: a post is
		// inserted (claimed) before it is sent. Times are Unix milliseconds.
		`CREATE TABLE announce_posts (
			id         INTEGER PRIMARY KEY,
			file_id    TEXT NOT NULL,
			kind       TEXT NOT NULL,            -- announce | correction | cancel
			offset_ms  INTEGER NOT NULL DEFAULT 0, -- announce: time before the start
			seq        INTEGER NOT NULL DEFAULT 0, -- correction: 1, 2...
			adapter    TEXT NOT NULL,
			room_id    TEXT NOT NULL,
			hash       TEXT NOT NULL,            -- date and place fingerprint when posted
			ann_kind   TEXT NOT NULL,            -- training | service
			title      TEXT NOT NULL,
			lang       TEXT NOT NULL,
			starts_ms  INTEGER NOT NULL,
			ends_ms    INTEGER NOT NULL,
			place      TEXT NOT NULL,
			online     INTEGER NOT NULL,
			state      TEXT NOT NULL,            -- claimed | sent
			owner      TEXT NOT NULL,
			claimed_ms INTEGER NOT NULL,
			sent_ms    INTEGER NOT NULL DEFAULT 0,
			message_id TEXT NOT NULL DEFAULT '',
			UNIQUE (file_id, kind, offset_ms, seq, adapter, room_id)
		)`,
	)
}
