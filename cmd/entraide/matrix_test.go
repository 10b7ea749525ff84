package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/adapters/matrix"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
	"codeberg.org/entraide/entraide/sqlite"
)

// entraide run with [matrix] enabled answers in an encrypted room; the
// secrets come from the environment and never show in the log, and the
// crypto state lands in the bot's own database file.
func TestRunWithMatrix(t *testing.T) {
	if !matrix.EncryptionAvailable {
		if os.Getenv(testenv.EnvIntegration) == "" {
			t.Skip("needs -tags goolm")
		}
		t.Fatal("needs -tags goolm (scripts/test sets it)")
	}
	d := testenv.StartDendrite(t, "bot", "alice")
	entry := "---\nlang: fr\ntitle: \"Horaires de la permanence\"\nquestions:\n  - \"Quels sont les horaires de la permanence ?\"\n---\nLe mercredi de **17 h à 19 h**.\n"
	cfg := fmt.Sprintf(`[bot]
faq_dir = "faq"
database = "entraide.db"
log_level = "debug"

[matrix]
enabled = true
homeserver = %q
user_id = %q
encryption = true
`, d.URL, d.UserID("bot"))
	path := writeRunDir(t, entry, cfg)
	dir := filepath.Dir(path)
	t.Setenv("ENTRAIDE_MATRIX_PASSWORD", d.Password("bot"))
	t.Setenv("ENTRAIDE_MATRIX_PICKLE_KEY", "pickle-s3cret-key")

	ctx, cancel := context.WithCancel(context.Background())
	var out, errs testkit.Buffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs}, []string{"run", "--config", path})
	}()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case c := <-code:
			if c != 0 {
				t.Errorf("exit %d:\n%s", c, errs.String())
			}
		case <-time.After(15 * time.Second):
			t.Error("entraide run did not stop")
		}
		for _, secret := range []string{d.Password("bot"), "pickle-s3cret-key"} {
			if strings.Contains(errs.String(), secret) {
				t.Errorf("a secret appears in the log: %s", secret)
			}
		}
	}
	defer stop()

	botID := id.UserID(d.UserID("bot"))
	alice := testenv.NewMatrixUser(t, d, "alice", true)
	room := alice.CreateRoom("support", true, botID)
	q := alice.Say(room, "Quels sont les horaires de la permanence ?")
	r := alice.WaitFor(t, 20*time.Second, "answer", func(e *event.Event) bool {
		return testenv.IsReplyTo(room, botID, q)(e) && e.Mautrix.EventSource&event.SourceDecrypted != 0
	})
	if m := r.Content.AsMessage(); !strings.Contains(m.FormattedBody, "<strong>17 h à 19 h</strong>") {
		t.Errorf("answer %q / %q: want the FAQ entry in HTML", m.Body, m.FormattedBody)
	}
	stop()

	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "entraide.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var accounts int
	if err := db.QueryRow(`SELECT count(*) FROM crypto_account`).Scan(&accounts); err != nil || accounts != 1 {
		t.Errorf("Olm accounts in entraide.db: %d, %v; want 1", accounts, err)
	}
	if v, ok, _ := db.Get(context.Background(), "matrix", "device_id"); !ok || v == "" {
		t.Error("the bot's device id was not kept in entraide.db")
	}
	if tok, ok, _ := db.Get(context.Background(), "matrix", "access_token"); !ok || tok == "" {
		t.Error("the bot's access token was not kept in entraide.db")
	} else if strings.Contains(errs.String(), tok) {
		t.Error("the access token appears in the log")
	}
}
