package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/config"
)

// The maintenance commands only read the database and files: a production
// config whose adapter secrets live in the bot's environment must work.
func TestOfflineCommandsNeedNoSecrets(t *testing.T) {
	for _, v := range []string{config.EnvMatrixPassword, config.EnvMatrixToken, config.EnvMatrixPickle, config.EnvXMPPPassword} {
		t.Setenv(v, "")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "entraide.db")
	if _, errs, code := runCLI(t, "c'est quoi le sens de la vie ?\n", "demo", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	if err := os.Mkdir(filepath.Join(dir, "ann"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "entraide.toml")
	body := "[bot]\ndatabase = \"entraide.db\"\nfaq_dir = \"faq\"\nannounce_dir = \"ann\"\n" +
		"[xmpp]\nenabled = true\njid = \"bot@localhost\"\n"
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"tickets", "list", "--config", cfg},
		{"tickets", "show", "1", "--config", cfg},
		{"report", "--config", cfg},
		{"faq", "labels", "--config", cfg},
		{"announce", "preview", "--config", cfg},
		{"announce", "ics", "--config", cfg},
	} {
		out, errs, code := runCLI(t, "", args...)
		if code != 0 || strings.Contains(errs, "missing secret") {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errs)
		}
	}
	if _, errs, code := runCLI(t, "", "run", "--config", cfg); code == 0 || !strings.Contains(errs, config.EnvXMPPPassword) {
		t.Fatalf("run must still demand the secret: %d %s", code, errs)
	}
}
