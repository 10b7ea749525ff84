//go:build goolm

package testenv

import (
	"context"
	"path/filepath"
	"testing"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/cryptohelper"
)

// enableCrypto gives a test user its own Olm device and crypto store.
func enableCrypto(ctx context.Context, t testing.TB, cli *mautrix.Client, name string) error {
	ch, err := cryptohelper.NewCryptoHelper(cli, []byte("test-pickle-"+name), filepath.Join(t.TempDir(), name+"-crypto.db"))
	if err != nil {
		return err
	}
	if err := ch.Init(ctx); err != nil {
		return err
	}
	cli.Crypto = ch
	t.Cleanup(func() { ch.Close() })
	return nil
}
