package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFollowUpAfterRestartJoinsTheOpenTicket: the asker's next message,
// after the bot restarted, joins their still-open ticket instead of
// opening another (the console's message ids are unique across runs, so
// a new message is not taken for the question handled before).
func TestFollowUpAfterRestartJoinsTheOpenTicket(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "entraide.toml")
	faqDir, _ := filepath.Abs("../../example/faq")
	os.WriteFile(cfg, []byte("[bot]\nfaq_dir = \""+faqDir+"\"\ndatabase = \""+filepath.Join(dir, "e.db")+
		"\"\n[console]\nenabled = true\n[reload]\nwatch = false\n[ratelimit]\nuser_per_minute = 0\nroom_per_minute = 0\n"), 0o600)
	out, errs, code := runCLI(t, "Comment réparer le carburateur de ma tondeuse ?\n", "run", "--config", cfg)
	if code != 0 || !strings.Contains(out, "ticket n° 1") {
		t.Fatalf("first run: exit %d, %q\n%s", code, out, errs)
	}
	for run := 2; run <= 3; run++ {
		out, errs, code = runCLI(t, "Elle cale au démarrage, c'est une Honda de 2015.\n", "run", "--config", cfg)
		if code != 0 || strings.Contains(out, "ticket") {
			t.Fatalf("run %d: the follow-up of ticket 1 got exit %d, %q\n%s", run, code, out, errs)
		}
	}
	out, _, _ = runCLI(t, "", "tickets", "show", "1", "--config", cfg)
	if n := strings.Count(out, "Elle cale au démarrage"); n != 2 {
		t.Errorf("ticket 1 holds the follow-up %d times, want 2:\n%s", n, out)
	}
}
