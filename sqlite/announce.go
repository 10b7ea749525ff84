package sqlite

import (
	"context"
	"fmt"
	"time"

	"codeberg.org/entraide/entraide/announce"
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

// AnnounceHistory implements bot.AnnounceStore.
func (db *DB) AnnounceHistory(ctx context.Context) ([]announce.Record, error) {
	rows, err := db.QueryContext(ctx, `SELECT file_id, kind, offset_ms, seq, adapter, room_id, hash, ann_kind, title, lang,
		starts_ms, ends_ms, place, online, state, owner, claimed_ms, sent_ms, message_id
		FROM announce_posts ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []announce.Record
	for rows.Next() {
		var r announce.Record
		var kind, annKind, state string
		var offset, starts, ends, claimed, sent int64
		var online bool
		if err := rows.Scan(&r.FileID, &kind, &offset, &r.Seq, &r.Room.Adapter, &r.Room.ID, &r.Hash, &annKind, &r.Title,
			&r.Lang, &starts, &ends, &r.Place, &online, &state, &r.Owner, &claimed, &sent, &r.MessageID); err != nil {
			return nil, err
		}
		r.Kind, r.AnnKind, r.State = announce.PostKind(kind), announce.Kind(annKind), announce.State(state)
		r.Offset = time.Duration(offset) * time.Millisecond
		r.Start, r.End, r.Online = fromMS(starts), fromMS(ends), online
		r.ClaimedAt, r.SentAt = fromMS(claimed), fromMS(sent)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClaimAnnounce implements bot.AnnounceStore with one statement: the insert
// either creates the row, or takes over a stale claim, or does nothing.
func (db *DB) ClaimAnnounce(ctx context.Context, r announce.Record, lease time.Duration) (bool, error) {
	if r.Owner == "" {
		return false, fmt.Errorf("claim of %s without an owner", r.FileID)
	}
	res, err := db.ExecContext(ctx, `INSERT INTO announce_posts(file_id, kind, offset_ms, seq, adapter, room_id, hash,
			ann_kind, title, lang, starts_ms, ends_ms, place, online, state, owner, claimed_ms)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'claimed', ?, ?)
		ON CONFLICT(file_id, kind, offset_ms, seq, adapter, room_id) DO UPDATE SET
			owner = excluded.owner, claimed_ms = excluded.claimed_ms, hash = excluded.hash, title = excluded.title,
			lang = excluded.lang, starts_ms = excluded.starts_ms, ends_ms = excluded.ends_ms,
			place = excluded.place, online = excluded.online
		WHERE announce_posts.state = 'claimed' AND announce_posts.claimed_ms <= ?`,
		r.FileID, string(r.Kind), r.Offset.Milliseconds(), r.Seq, r.Room.Adapter, r.Room.ID, r.Hash,
		string(r.AnnKind), r.Title, r.Lang, ms(r.Start), ms(r.End), r.Place, r.Online, r.Owner, ms(r.ClaimedAt),
		ms(r.ClaimedAt.Add(-lease)))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// MarkAnnounceSent implements bot.AnnounceStore.
func (db *DB) MarkAnnounceSent(ctx context.Context, s announce.Slot, owner, messageID string, at time.Time) error {
	res, err := db.ExecContext(ctx, `UPDATE announce_posts SET state = 'sent', sent_ms = ?, message_id = ?
		WHERE file_id = ? AND kind = ? AND offset_ms = ? AND seq = ? AND adapter = ? AND room_id = ? AND owner = ?`,
		ms(at), messageID, s.FileID, string(s.Kind), s.Offset.Milliseconds(), s.Seq, s.Room.Adapter, s.Room.ID, owner)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("announcement %s %s in %s: the claim was taken over before the send was confirmed", s.FileID, s.Kind, s.Room)
	}
	return nil
}

// ReleaseAnnounce implements bot.AnnounceStore.
func (db *DB) ReleaseAnnounce(ctx context.Context, s announce.Slot, owner string) error {
	_, err := db.ExecContext(ctx, `DELETE FROM announce_posts
		WHERE file_id = ? AND kind = ? AND offset_ms = ? AND seq = ? AND adapter = ? AND room_id = ? AND owner = ? AND state = 'claimed'`,
		s.FileID, string(s.Kind), s.Offset.Milliseconds(), s.Seq, s.Room.Adapter, s.Room.ID, owner)
	return err
}
