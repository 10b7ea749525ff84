//go:build goolm

package testenv

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/id"
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

// WaitForDevice waits until u's client knows device of user and has dropped
// its outbound room keys, so its next encrypted message is readable by that
// device (a new device otherwise races with the key sharing).
func (u *MatrixUser) WaitForDevice(t testing.TB, timeout time.Duration, user id.UserID, device id.DeviceID) {
	t.Helper()
	ch, ok := u.Crypto.(*cryptohelper.CryptoHelper)
	if !ok {
		t.Fatalf("%s has no encryption", u.UserID)
	}
	ctx := context.Background()
	mach := ch.Machine()
	for deadline := time.Now().Add(timeout); ; time.Sleep(50 * time.Millisecond) {
		keys, err := mach.FetchKeys(ctx, []id.UserID{user}, true)
		if err == nil && keys[user][device] != nil {
			mach.OnDevicesChanged(ctx, user)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: device %s of %s unknown after %s (last error: %v)", u.UserID, device, user, timeout, err)
		}
	}
}
