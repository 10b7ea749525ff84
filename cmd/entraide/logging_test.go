package main

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

// The redactor scrubs secrets wherever a library puts them: in the
// message, in attributes, inside groups (nested too), in attributes bound
// with With, and in values that are errors. A secret as short as four
// bytes is still a secret; shorter ones are ignored, since blanking every
// "abc" of the log would hide more than it protects.
func TestRedactorScrubsEveryPlace(t *testing.T) {
	var buf bytes.Buffer
	log := redact(slog.New(slog.NewTextHandler(&buf, nil)), []string{"pin4", "tok-long-secret", "ab"})
	log.Info("code pin4 refused")
	log.Info("login", slog.Group("matrix", "token", "tok-long-secret", slog.Group("retry", "pin", "pin4")))
	log.With(slog.Group("conn", "auth", "pin4")).Info("bound")
	log.Info("failed", "err", errors.New("server said tok-long-secret is wrong"))
	log.WithGroup("xmpp").Info("dial", "url", "xmpp://user:pw@example.org")
	log.Info("about", "word", "abc tab")
	got := buf.String()
	for _, s := range []string{"pin4", "tok-long-secret", "user:pw"} {
		if strings.Contains(got, s) {
			t.Errorf("secret %q in the log:\n%s", s, got)
		}
	}
	if n := strings.Count(got, "[redacted]"); n != 6 {
		t.Errorf("%d redactions, want 6:\n%s", n, got)
	}
	// what is not secret stays readable, group names and short "secrets" included
	for _, s := range []string{"matrix.token=", "matrix.retry.pin=", "conn.auth=", "xmpp.url=", "word=\"abc tab\"", "@example.org"} {
		if !strings.Contains(got, s) {
			t.Errorf("%q missing from the log:\n%s", s, got)
		}
	}
}
