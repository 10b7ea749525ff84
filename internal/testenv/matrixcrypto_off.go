//go:build !goolm

package testenv

import (
	"context"
	"os"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
)

// enableCrypto needs mautrix's pure-Go Olm: without -tags goolm the test
// is skipped, or fails under ENTRAIDE_INTEGRATION.
func enableCrypto(_ context.Context, t testing.TB, _ *mautrix.Client, _ string) error {
	t.Helper()
	if os.Getenv(EnvIntegration) == "" {
		t.Skip("encrypted Matrix test users need -tags goolm")
	}
	t.Fatal("encrypted Matrix test users need -tags goolm (scripts/test sets it)")
	return nil
}

// WaitForDevice needs encryption, which this build lacks.
func (u *MatrixUser) WaitForDevice(t testing.TB, _ time.Duration, _ id.UserID, _ id.DeviceID) {
	t.Helper()
	t.Fatalf("%s has no encryption (build with -tags goolm)", u.UserID)
}
