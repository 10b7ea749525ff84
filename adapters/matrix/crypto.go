//go:build goolm

package matrix

import (
	"context"
	"fmt"

	"go.mau.fi/util/dbutil"
	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"
)

// EncryptionAvailable reports whether this build can join encrypted rooms:
// mautrix's pure-Go Olm (goolm) is compiled in with -tags goolm. Without
// it mautrix would need the C libolm.
const EncryptionAvailable = true

// prepareCryptoTables creates or upgrades mautrix's crypto tables in db.
func prepareCryptoTables(ctx context.Context, db *dbutil.Database) error {
	return crypto.NewSQLCryptoStore(db, db.Log, "", "", nil).DB.Upgrade(ctx)
}

// setupCrypto loads (or creates, on the first start) the bot's Olm account
// from db and hooks decryption into the syncer; sends to encrypted rooms
// are then encrypted by mautrix.
func (a *Adapter) setupCrypto(ctx context.Context, db *dbutil.Database) error {
	cli := a.cli
	ch, err := cryptohelper.NewCryptoHelper(cli, []byte(a.opts.PickleKey), db)
	if err != nil {
		return fmt.Errorf("matrix: encryption: %w", err)
	}
	// One Olm account per device: after a logout the bot comes back as a
	// new device and needs new keys, not the deleted device's.
	ch.DBAccountID = cli.DeviceID.String()
	ch.DecryptErrorCallback = func(evt *event.Event, err error) {
		a.log.Warn("matrix: cannot decrypt a message", "room", evt.RoomID, "event", evt.ID, "sender", evt.Sender, "err", err)
	}
	if err := ch.Init(ctx); err != nil {
		return fmt.Errorf("matrix: encryption setup for device %s: %w", cli.DeviceID, err)
	}
	// ch.Close would close the shared database; the app closes it.
	cli.Crypto = ch
	return nil
}
