package sqlstore

import (
	"context"
	"fmt"
	"time"

	"codeberg.org/entraide/entraide/announce"
)

// AnnounceHistory implements bot.AnnounceStore.
func (db Records) AnnounceHistory(ctx context.Context) ([]announce.Record, error) {
	rows, err := db.query(ctx, `SELECT file_id, kind, offset_ms, seq, adapter, room_id, hash, ann_kind, title, lang,
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
		r.Start, r.End, r.Online = FromMS(starts), FromMS(ends), online
		r.ClaimedAt, r.SentAt = FromMS(claimed), FromMS(sent)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClaimAnnounce implements bot.AnnounceStore with one statement: the insert
// either creates the row, or takes over a stale claim, or does nothing.
func (db Records) ClaimAnnounce(ctx context.Context, r announce.Record, lease time.Duration) (bool, error) {
	if r.Owner == "" {
		return false, fmt.Errorf("claim of %s without an owner", r.FileID)
	}
	res, err := db.exec(ctx, `INSERT INTO announce_posts(file_id, kind, offset_ms, seq, adapter, room_id, hash,
			ann_kind, title, lang, starts_ms, ends_ms, place, online, state, owner, claimed_ms)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'claimed', ?, ?)
		ON CONFLICT(file_id, kind, offset_ms, seq, adapter, room_id) DO UPDATE SET
			owner = excluded.owner, claimed_ms = excluded.claimed_ms, hash = excluded.hash, title = excluded.title,
			lang = excluded.lang, starts_ms = excluded.starts_ms, ends_ms = excluded.ends_ms,
			place = excluded.place, online = excluded.online
		WHERE announce_posts.state = 'claimed' AND announce_posts.claimed_ms <= ?`,
		r.FileID, string(r.Kind), r.Offset.Milliseconds(), r.Seq, r.Room.Adapter, r.Room.ID, r.Hash,
		string(r.AnnKind), r.Title, r.Lang, MS(r.Start), MS(r.End), r.Place, r.Online, r.Owner, MS(r.ClaimedAt),
		MS(r.ClaimedAt.Add(-lease)))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// MarkAnnounceSent implements bot.AnnounceStore.
func (db Records) MarkAnnounceSent(ctx context.Context, s announce.Slot, owner, messageID string, at time.Time) error {
	res, err := db.exec(ctx, `UPDATE announce_posts SET state = 'sent', sent_ms = ?, message_id = ?
		WHERE file_id = ? AND kind = ? AND offset_ms = ? AND seq = ? AND adapter = ? AND room_id = ? AND owner = ?`,
		MS(at), messageID, s.FileID, string(s.Kind), s.Offset.Milliseconds(), s.Seq, s.Room.Adapter, s.Room.ID, owner)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("announcement %s %s in %s: the claim was taken over before the send was confirmed", s.FileID, s.Kind, s.Room)
	}
	return nil
}

// ReleaseAnnounce implements bot.AnnounceStore.
func (db Records) ReleaseAnnounce(ctx context.Context, s announce.Slot, owner string) error {
	_, err := db.exec(ctx, `DELETE FROM announce_posts
		WHERE file_id = ? AND kind = ? AND offset_ms = ? AND seq = ? AND adapter = ? AND room_id = ? AND owner = ? AND state = 'claimed'`,
		s.FileID, string(s.Kind), s.Offset.Milliseconds(), s.Seq, s.Room.Adapter, s.Room.ID, owner)
	return err
}
