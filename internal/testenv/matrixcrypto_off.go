//go:build !goolm

package testenv

import (
	"context"
	"os"
	"testing"

	"maunium.net/go/mautrix"
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
