package xmpp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"gosrc.io/xmpp/stanza"
)

// dedupWindow is how long a message without a durable id is remembered by
// its content: a copy seen within one to two windows is a duplicate.
const dedupWindow = 2 * time.Minute

// dedupKeys names a message so that the same message delivered twice (after
// a reconnect, or resent by a client) is recognised. In order of trust:
//
//   - a XEP-0359 stanza-id given by the room (groupchat) or by our own
//     server (1:1): unique per archive;
//   - the sender's XEP-0359 origin-id, scoped to sender and room, so
//     nobody can silence someone else by reusing their id;
//   - otherwise a hash of room, sender, the stanza id attribute and the
//     body, within a time window. A window is needed because ids without
//     origin-id are not reliably unique (some clients count from 1 at each
//     start). The keys of the current and the previous window are both
//     recorded, so a copy is caught however it straddles a boundary.
//
// Room history never gets here: it carries a delay and is dropped before.
// Offline 1:1 messages use offlineKey instead.
func dedupKeys(m stanza.Message, msg bot.Message, trustedBy string, now time.Time) []string {
	for _, e := range m.Extensions {
		if s, ok := e.(*stanzaID); ok && s.ID != "" && trustedBy != "" && bareJID(s.By) == trustedBy {
			return []string{"sid:" + trustedBy + ":" + s.ID}
		}
	}
	for _, e := range m.Extensions {
		if o, ok := e.(*originID); ok && o.ID != "" {
			return []string{"oid:" + msg.Room.ID + ":" + msg.Sender.ID + ":" + o.ID}
		}
	}
	h := sha256.New()
	for _, part := range []string{msg.Room.ID, msg.Sender.ID, m.Id, m.Body} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	sum := hex.EncodeToString(h.Sum(nil)[:16])
	w := now.Unix() / int64(dedupWindow/time.Second)
	return []string{
		"h:" + sum + ":" + strconv.FormatInt(w, 10),
		"h:" + sum + ":" + strconv.FormatInt(w-1, 10),
	}
}

// firstSeen records every key and reports whether none was known before.
func (a *Adapter) firstSeen(ctx context.Context, keys []string) (bool, error) {
	fresh := true
	for _, k := range keys {
		n, err := a.store.FirstSeen(ctx, a.o.Name, k)
		if err != nil {
			return true, err
		}
		fresh = fresh && n
	}
	return fresh, nil
}

// offlineKey identifies a 1:1 message the server kept while the bot was
// away by its sender, the server's time stamp and its text.
func offlineKey(msg bot.Message, stamp time.Time) string {
	h := sha256.Sum256([]byte(msg.Sender.ID + "\x00" + msg.Text))
	return "off:" + msg.Room.ID + ":" + stamp.UTC().Format(time.RFC3339Nano) + ":" + hex.EncodeToString(h[:16])
}
