package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "entraide.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExampleConfigIsValidOnceAnAdapterHasSecrets(t *testing.T) {
	data, err := os.ReadFile("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	// the example's mentors' room is on Matrix
	body := strings.Replace(string(data), "[matrix]\nenabled = false", "[matrix]\nenabled = true", 1)
	t.Setenv(EnvMatrixPassword, "p")
	t.Setenv(EnvMatrixPickle, "k")
	c, err := Load(write(t, body))
	if err != nil {
		t.Fatalf("config.example.toml must load: %v", err)
	}
	if c.Mentors.IDs["matrix"][0] != "@bob:example.org" || c.Mentors.RemindAfter.Duration != 30*time.Minute {
		t.Fatalf("values not decoded: %+v", c.Mentors)
	}
	if !filepath.IsAbs(c.Bot.Database) {
		t.Fatalf("relative paths must be resolved against the file: %s", c.Bot.Database)
	}
	if len(c.Announce.TrainingOffsets) != 2 || c.Announce.TrainingOffsets[0].Duration != 14*24*time.Hour {
		t.Fatalf("day durations: %+v", c.Announce.TrainingOffsets)
	}
}

func TestEnvironmentSecretsWinAndAreRequired(t *testing.T) {
	body := "[matrix]\nenabled = true\nhomeserver = \"http://127.0.0.1:1\"\nuser_id = \"@b:localhost\"\n"
	t.Setenv(EnvMatrixPassword, "")
	t.Setenv(EnvMatrixPickle, "")
	_, err := Load(write(t, body))
	if err == nil || !strings.Contains(err.Error(), EnvMatrixPassword) || !strings.Contains(err.Error(), EnvMatrixPickle) {
		t.Fatalf("want missing-secret errors naming the variables, got %v", err)
	}
	t.Setenv(EnvMatrixPassword, "s3cret")
	t.Setenv(EnvMatrixPickle, "pickle")
	c, err := Load(write(t, body))
	if err != nil {
		t.Fatal(err)
	}
	if c.Matrix.Password != "s3cret" {
		t.Fatal("password from environment not applied")
	}
}

func TestErrorsNameFileAndLine(t *testing.T) {
	cases := map[string]string{
		"[console]\nenabled = true\n[bot]\nlanguage = \"de\"\n":                   "bot.language must be fr or en",
		"[console]\nenabled = true\n\n[mentors]\nremind_after = \"soon\"\n":       "bad duration",
		"[console]\nenabled = true\n[xmpp]\nresource = \"x\"\nnickname = \"y\"\n": ":5: unknown key \"xmpp.nickname\"",
		"[console\nenabled = true\n":                                              "to end table name",
	}
	for body, want := range cases {
		_, err := Load(write(t, body))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "entraide.toml") {
			t.Errorf("config %q: want %q, got %v", body, want, err)
		}
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"90s": 90 * time.Second, "14d": 14 * 24 * time.Hour, "1.5d": 36 * time.Hour, "2h": 2 * time.Hour} {
		got, err := ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	if _, err := ParseDuration("fortnight"); err == nil {
		t.Error("want an error")
	}
}

func TestMatrixHomeserverMustBeAPlainURL(t *testing.T) {
	t.Setenv(EnvMatrixPassword, "pw")
	t.Setenv(EnvMatrixPickle, "pk")
	for hs, want := range map[string]string{
		"https://bot:hunter2@matrix.example.org": "must not contain a user name or password",
		"matrix.example.org":                     "must be a URL",
	} {
		body := "[matrix]\nenabled = true\nhomeserver = \"" + hs + "\"\nuser_id = \"@b:example.org\"\n"
		_, err := Load(write(t, body))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want %q, got %v", hs, want, err)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error repeats the password: %v", err)
		}
	}
}

// TestBadDatabaseURLNamesLineKeyAndReason: a postgres:// URL that cannot
// work is refused at its line, with what is wrong, never the password.
func TestBadDatabaseURLNamesLineKeyAndReason(t *testing.T) {
	for url, want := range map[string]string{
		"postgres://u:s3cret@127.0.0.1:notaport/entraide":      `:5: bot.database: invalid port ":notaport"`,
		"postgres://u:s3cret@127.0.0.1:70000/entraide":         `:5: bot.database: port "70000" is not a number`,
		"postgres://u:s3cret@127.0.0.1/entraide?sslmode=bogus": `:5: bot.database: sslmode "bogus" must be one of`,
		"postgres://u:s3cret@/entraide":                        `:5: bot.database: no host`,
	} {
		_, err := Load(write(t, "[console]\nenabled = true\n\n[bot]\ndatabase = \""+url+"\"\n"))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "entraide.toml") ||
			strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: want %q, got %v", url, want, err)
		}
	}
	if _, err := Load(write(t, "[console]\nenabled = true\n[bot]\ndatabase = \"postgres://u@127.0.0.1:5432/e?sslmode=require\"\n")); err != nil {
		t.Errorf("a good URL: %v", err)
	}
}
