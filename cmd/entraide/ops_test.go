package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/faq"
	"codeberg.org/entraide/entraide/internal/testkit"
)

func entryFile(lang, title, question, body string) string {
	return fmt.Sprintf("---\nlang: %s\ntitle: %q\nquestions:\n  - %q\n---\n%s\n", lang, title, question, body)
}

// liveApp is an app running on a console whose stdin stays open.
type liveApp struct {
	*app
	in     *io.PipeWriter
	out    *testkit.Buffer
	stderr *testkit.Buffer
	done   chan error
	cancel context.CancelFunc
}

func startApp(t *testing.T, cfg *config.Config) *liveApp {
	t.Helper()
	return startAppWith(t, cfg, nil, nil)
}

// startAppWith is startApp with the FAQ and announcements built in when
// the configuration names no folder.
func startAppWith(t *testing.T, cfg *config.Config, faqFS, annFS fs.FS) *liveApp {
	t.Helper()
	pr, pw := io.Pipe()
	l := &liveApp{in: pw, out: &testkit.Buffer{}, stderr: &testkit.Buffer{}, done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	a, err := newApp(ctx, cfg, &env{stdin: pr, stdout: l.out, stderr: l.stderr}, faqFS, annFS)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	l.app = a
	go func() { l.done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		pw.Close()
		<-l.done
		a.Close()
	})
	return l
}

func (l *liveApp) say(t *testing.T, lines ...string) {
	t.Helper()
	for _, s := range lines {
		if _, err := io.WriteString(l.in, s+"\n"); err != nil {
			t.Fatal(err)
		}
	}
}

// waitFor polls cond until it holds; the deadline only bounds a failing
// test, it is not a speed requirement.
func waitFor(t *testing.T, what string, cond func() bool, show ...*liveApp) {
	t.Helper()
	if testkit.Poll(20*time.Second, cond) {
		return
	}
	for _, l := range show {
		t.Logf("stdout:\n%s\nstderr:\n%s", l.out.String(), l.stderr.String())
	}
	t.Fatalf("timed out waiting for %s", what)
}

func opsConfig(t *testing.T) (*config.Config, string) {
	t.Helper()
	dir := t.TempDir()
	c, err := demoConfig(filepath.Join(dir, "entraide.db"))
	if err != nil {
		t.Fatal(err)
	}
	c.Bot.FAQDir = filepath.Join(dir, "faq")
	c.Bot.AnnounceDir = filepath.Join(dir, "announcements")
	testkit.WriteFile(t, filepath.Join(c.Bot.FAQDir, "fr", "formation-tarifs.md"),
		entryFile("fr", "Combien coûte la formation ?", "Quel est le prix de la formation ?", "La formation coûte 30 €."))
	return c, dir
}

func served(a *app) int {
	_, kb := a.bot.FAQ()
	return len(kb.Served())
}

func TestHotReloadFollowsFilesAndKeepsLastGoodKB(t *testing.T) {
	cfg, _ := opsConfig(t)
	cfg.Reload.Watch = true
	cfg.Reload.Debounce = config.Duration{Duration: 50 * time.Millisecond}
	l := startApp(t, cfg)
	if served(l.app) != 1 {
		t.Fatalf("start: %d entries", served(l.app))
	}
	// A new entry in a folder created after start is picked up.
	testkit.WriteFile(t, filepath.Join(cfg.Bot.FAQDir, "fr", "nuage", "2025", "nuage-quota.md"),
		entryFile("fr", "Quel est le quota du Nuage ?", "Combien de place sur le Nuage ?", "Le quota est de 10 Go."))
	waitFor(t, "the new entry to be served", func() bool { return served(l.app) == 2 }, l)

	// A malformed file: the two good entries stay served, the mentors are
	// told file:line once.
	bad := filepath.Join(cfg.Bot.FAQDir, "fr", "casse.md")
	testkit.WriteFile(t, bad, "---\nlang: fr\ntitle: \"Cassé\"\nquestions: [\"x\"]\nunknown_key: 1\n---\nRéponse.\n")
	want := bad + ":5: unknown key"
	waitFor(t, "the failure to reach the mentors' room", func() bool { return strings.Contains(l.out.String(), want) })
	if served(l.app) != 2 {
		t.Fatalf("a failed reload must keep the last good KB, %d entries served", served(l.app))
	}
	if !strings.Contains(l.out.String(), "[mentors] entraide: Le rechargement a échoué") {
		t.Fatalf("the notice must go to the mentors' room:\n%s", l.out.String())
	}
	// The same failure again (another save, a !reload) is not reposted.
	if _, err := l.reload(context.Background(), "test"); err == nil {
		t.Fatal("reload with a malformed file must fail")
	}
	if n := strings.Count(l.out.String(), want); n != 1 {
		t.Fatalf("the same failure was reported %d times:\n%s", n, l.out.String())
	}
	// The answer still works while the broken file is there.
	l.say(t, "combien coûte la formation ?")
	waitFor(t, "an answer from the last good KB", func() bool { return strings.Contains(l.out.String(), "30 €") })

	// Fixed: served again, and a later failure would be reported anew.
	testkit.WriteFile(t, bad, entryFile("fr", "Réparé", "Une question réparée ?", "Réponse."))
	waitFor(t, "the fixed entry to be served", func() bool { return served(l.app) == 3 })
	c := l.comms[0]
	c.reloadMu.Lock()
	reported := c.reported
	c.reloadMu.Unlock()
	if reported != "" {
		t.Fatal("a good reload must forget the reported failure")
	}
}

func TestReloadCommandIsForAdmins(t *testing.T) {
	cfg, _ := opsConfig(t)
	l := startApp(t, cfg)
	testkit.WriteFile(t, filepath.Join(cfg.Bot.FAQDir, "en", "backup.md"),
		entryFile("en", "Are my files backed up?", "Do you make backups?", "Every night."))
	l.say(t, "!reload")
	waitFor(t, "a refusal", func() bool { return strings.Contains(l.out.String(), "for administrators only") })
	if served(l.app) != 1 {
		t.Fatal("a non-admin must not trigger a reload")
	}
	l.say(t, "/as admin", "!recharger")
	waitFor(t, "the reload report", func() bool { return strings.Contains(l.out.String(), "Rechargement terminé : 2 fiches") })
	if served(l.app) != 2 {
		t.Fatalf("!recharger did not reload: %d", served(l.app))
	}
	testkit.WriteFile(t, filepath.Join(cfg.Bot.FAQDir, "en", "broken.md"), "no front matter\n")
	l.say(t, "!reload")
	waitFor(t, "the failure report", func() bool { return strings.Contains(l.out.String(), "broken.md:1") })
	if served(l.app) != 2 {
		t.Fatal("failed !reload lost entries")
	}
}

func TestExtraReloadersJoinAndKeepTheirState(t *testing.T) {
	cfg, _ := opsConfig(t)
	l := startApp(t, cfg)
	calls := 0
	l.comms[0].onReload("announcements", func(context.Context) error {
		calls++
		if calls == 2 {
			return errors.New("announcements/stage.md:3: bad date")
		}
		return nil
	})
	if _, err := l.reload(context.Background(), "test"); err != nil || calls != 1 {
		t.Fatalf("first reload: %v, %d calls", err, calls)
	}
	_, err := l.reload(context.Background(), "test")
	if err == nil || !strings.Contains(err.Error(), "announcements/stage.md:3: bad date") {
		t.Fatalf("a joined reloader's failure must surface: %v", err)
	}
	waitFor(t, "the mentors to be told", func() bool { return strings.Contains(l.out.String(), "stage.md:3") })
}

func TestMetricsAndHealthOverHTTP(t *testing.T) {
	cfg, _ := opsConfig(t)
	cfg.Bot.Listen = "127.0.0.1:0"
	l := startApp(t, cfg)
	base := "http://" + l.ops.httpAddr
	l.say(t, "combien coûte la formation ?", "vous avez une instance jitsi pour les visios ?")
	waitFor(t, "the answer", func() bool { return strings.Contains(l.out.String(), "30 €") })
	// get polls path until ok holds (the counters are updated just after
	// the reply is printed).
	get := func(path string, ok func(code int, body string) bool) {
		var code int
		var body string
		waitFor(t, path, func() bool {
			resp, err := http.Get(base + path)
			if err != nil {
				return false
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			code, body = resp.StatusCode, string(b)
			return ok(code, body)
		})
	}
	get("/healthz", func(code int, body string) bool { return code == 200 && strings.HasPrefix(body, "ok") })
	get("/metrics", func(code int, body string) bool {
		return code == 200 && strings.Contains(body, `entraide_answers_total{entry="formation-tarifs"} 1`) &&
			strings.Contains(body, `entraide_adapter_connected{adapter="console"} 1`) &&
			strings.Contains(body, `entraide_tickets{state="open"} 1`) &&
			strings.Contains(body, `entraide_abstentions_total 1`)
	})
}

func TestListenAddressInUseIsAStartError(t *testing.T) {
	cfg, _ := opsConfig(t)
	cfg.Bot.Listen = "127.0.0.1:0"
	first := startApp(t, cfg)
	cfg2, _ := opsConfig(t)
	cfg2.Bot.Listen = first.ops.httpAddr
	_, err := newApp(context.Background(), cfg2, quietEnv(), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "bot.listen "+first.ops.httpAddr) {
		t.Fatalf("want a clear error naming bot.listen, got %v", err)
	}
}

func TestRateLimitIsWiredFromConfig(t *testing.T) {
	dir := t.TempDir()
	testkit.WriteFile(t, filepath.Join(dir, "faq", "fr", "formation-tarifs.md"),
		entryFile("fr", "Combien coûte la formation ?", "Quel est le prix de la formation ?", "La formation coûte 30 €."))
	path := filepath.Join(dir, "entraide.toml")
	testkit.WriteFile(t, path, "[bot]\nfaq_dir = \"faq\"\ndatabase = \"x.db\"\n[console]\nenabled = true\n"+
		"[ratelimit]\nuser_per_minute = 2\nuser_burst = 3\nroom_per_minute = 600\nroom_burst = 100\n"+
		"[reload]\nwatch = false\n")
	var in strings.Builder
	for range 40 {
		in.WriteString("combien coûte la formation ?\n")
	}
	in.WriteString("/as alice\ncombien coûte la formation ?\n")
	out, errs, code := runCLI(t, in.String(), "run", "--config", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// 40 questions in well under a minute: the burst of 3, maybe one refill.
	if n := strings.Count(out, "vous: La formation coûte 30 €"); n < 3 || n > 5 {
		t.Errorf("%d answers to the flooding user, want the burst (3) and at most a refill or two:\n%s", n, out)
	}
	if n := strings.Count(out, "vous: Vous envoyez beaucoup de messages"); n != 1 {
		t.Errorf("%d notices, want 1", n)
	}
	if !strings.Contains(out, "alice: La formation coûte 30 €") {
		t.Errorf("another user must still be served:\n%s", out)
	}
}

func TestLogsNeverShowSecrets(t *testing.T) {
	cfg, _ := opsConfig(t)
	cfg.Matrix.Password = "hunter2-matrix-pw"
	cfg.Matrix.AccessToken = "syt_c2VjcmV0_token"
	cfg.XMPP.Password = "xmpp-s3cret"
	cfg.Bot.LogLevel = "debug"
	var logs testkit.Buffer
	a, err := newApp(context.Background(), cfg, &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &logs}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	log := a.log.With("homeserver", "https://bot:hunter2-matrix-pw@matrix.example.org")
	log.Error("login failed for token syt_c2VjcmV0_token", "err", errors.New("auth: password xmpp-s3cret rejected"))
	log.WithGroup("xmpp").Info("connect", "url", "xmpp://user:other-pass@example.org:5222", "n", 3)
	log.Debug("retry", "detail", fmt.Errorf("wrapped: %w", errors.New("xmpp-s3cret")))
	a.log.Warn("git pull failed", "err", errors.New("fatal: https://ci:gitpass@codeberg.org/x.git not found"))
	got := logs.String()
	for _, s := range []string{"hunter2-matrix-pw", "syt_c2VjcmV0_token", "xmpp-s3cret", "other-pass", "gitpass"} {
		if strings.Contains(got, s) {
			t.Errorf("secret %q printed in logs:\n%s", s, got)
		}
	}
	for _, s := range []string{"login failed", "matrix.example.org", "n=3", "codeberg.org/x.git", "[redacted]"} {
		if !strings.Contains(got, s) {
			t.Errorf("redaction removed too much: %q missing from\n%s", s, got)
		}
	}
}

func TestGitPullBringsNewEntries(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	cfg, dir := opsConfig(t)
	origin, clone := filepath.Join(dir, "origin"), filepath.Join(dir, "clone")
	testkit.WriteFile(t, filepath.Join(origin, "faq", "fr", "formation-tarifs.md"),
		entryFile("fr", "Combien coûte la formation ?", "Quel est le prix de la formation ?", "La formation coûte 30 €."))
	testkit.Git(t, origin, "init", "-q", "-b", "main")
	testkit.Git(t, origin, "add", ".")
	testkit.Git(t, origin, "commit", "-qm", "faq")
	testkit.Git(t, dir, "clone", "-q", origin, clone)
	cfg.Bot.FAQDir = filepath.Join(clone, "faq")
	cfg.Reload.Watch = false // only the pull may bring the change
	cfg.Reload.GitRepo = clone
	cfg.Reload.GitPull = config.Duration{Duration: 50 * time.Millisecond}
	l := startApp(t, cfg)
	testkit.WriteFile(t, filepath.Join(origin, "faq", "fr", "adhesion.md"),
		entryFile("fr", "Comment adhérer ?", "Je veux devenir membre", "Remplissez le formulaire d'adhésion."))
	testkit.Git(t, origin, "add", ".")
	testkit.Git(t, origin, "commit", "-qm", "adhesion")
	waitFor(t, "the pulled entry to be served", func() bool { return served(l.app) == 2 }, l)
}

// The FAQ folder's glossary.txt is reloaded with the entries: a saved line
// changes the next answer, a broken one keeps the last good FAQ.
func TestHotReloadPicksUpTheGlossary(t *testing.T) {
	cfg, _ := opsConfig(t)
	cfg.Reload.Watch = true
	cfg.Reload.Debounce = config.Duration{Duration: 50 * time.Millisecond}
	l := startApp(t, cfg)
	glossed := func() bool {
		m, _ := l.app.bot.FAQ()
		lm, ok := m.(*faq.LexicalMatcher)
		return ok && strings.Contains(fmt.Sprint(lm.Explain("macramé")), "glossary.txt:2")
	}
	if glossed() {
		t.Fatal("glossary read before it exists")
	}
	glossary := filepath.Join(cfg.Bot.FAQDir, "glossary.txt")
	testkit.WriteFile(t, glossary, "# ours\nmacramé = formation\n")
	waitFor(t, "the glossary to be read", glossed, l)
	testkit.WriteFile(t, glossary, "# ours\nmacramé = formation\nbroken line\n")
	want := glossary + ":3: want"
	waitFor(t, "the broken glossary to reach the mentors' room", func() bool { return strings.Contains(l.out.String(), want) }, l)
	if !glossed() {
		t.Fatal("a broken glossary must keep the last good one")
	}
}
