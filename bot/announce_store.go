package bot

import (
	"context"
	"time"

	"codeberg.org/entraide/entraide/announce"
)

// AnnounceStore keeps the record of every announcement post. A post is
// claimed (recorded) before it is sent, so two bots sharing a database, a
// restart or a clock jump never post it twice.
type AnnounceStore interface {
	// AnnounceHistory returns every record, oldest first.
	AnnounceHistory(ctx context.Context) ([]announce.Record, error)
	// ClaimAnnounce records r (State claimed, Owner, ClaimedAt) unless its
	// slot is already recorded. A claim that was never confirmed and is
	// older than lease is taken over: its poster crashed before sending.
	// It reports whether the caller now holds the slot and must send.
	ClaimAnnounce(ctx context.Context, r announce.Record, lease time.Duration) (bool, error)
	// MarkAnnounceSent confirms the caller's claim once the post is out.
	MarkAnnounceSent(ctx context.Context, s announce.Slot, owner, messageID string, at time.Time) error
	// ReleaseAnnounce drops the caller's unconfirmed claim after a failed
	// send, so a later round may try again.
	ReleaseAnnounce(ctx context.Context, s announce.Slot, owner string) error
}
