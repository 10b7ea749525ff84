//go:build !goolm

package matrix

import (
	"context"
	"errors"

	"go.mau.fi/util/dbutil"
)

// EncryptionAvailable is false: this build lacks -tags goolm, so the bot
// can only use unencrypted rooms (New refuses Encryption).
const EncryptionAvailable = false

func prepareCryptoTables(context.Context, *dbutil.Database) error { return nil }

func (a *Adapter) setupCrypto(context.Context, *dbutil.Database) error {
	return errors.New("matrix: built without encryption (-tags goolm)")
}
