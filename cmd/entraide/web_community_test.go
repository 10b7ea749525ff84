package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/config"
	"codeberg.org/entraide/entraide/internal/testkit"
)

// The web page of a bot with communities, as wired by newApp: beta's
// mentor gets the login code through the console, sees beta's ticket 1 at
// /tickets/1, and is refused alpha's pages.
func TestWebPageWithCommunities(t *testing.T) {
	cfg, err := config.Load(consoleCommunities(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Web.Listen = "127.0.0.1:0"
	a := startApp(t, cfg)
	out := a.out
	a.say(t, "/as alice", "Comment réparer le dérailleur d'un vélo cargo ?", "/room b", "/as dave", "Où trouver des graines de tomates anciennes ?")
	testkit.WaitUntil(t, 10*time.Second, "both tickets", func() bool {
		return strings.Contains(linesIn(out.String(), "ma"), "dérailleur") && strings.Contains(linesIn(out.String(), "mb"), "graines")
	})

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	base := "http://" + a.webAddr
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`)
	token := ""
	page := func(r *http.Response, err error) (int, string) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		if m := csrf.FindSubmatch(b); m != nil {
			token = string(m[1])
		}
		return r.StatusCode, string(b)
	}
	post := func(path string, form url.Values) (int, string) {
		form.Set("csrf", token)
		return page(client.PostForm(base+path, form))
	}
	page(client.Get(base + "/login"))
	if code, body := post("/login", url.Values{"id": {"bea"}}); code != http.StatusOK {
		t.Fatalf("asking for a code: %d\n%s", code, body)
	}
	m := regexp.MustCompile(`\[dm-bea\] [^\n]*?(\d{8})`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no code for bea on the console:\n%s", out)
	}
	code, body := post("/login/code", url.Values{"code": {m[1]}})
	if code != http.StatusOK || !strings.Contains(body, "graines") || strings.Contains(body, "dérailleur") {
		t.Fatalf("beta's mentor sees beta's queue only: %d\n%s", code, body)
	}
	if code, body := page(client.Get(base + "/tickets/1")); code != http.StatusOK || !strings.Contains(body, "graines") {
		t.Fatalf("/tickets/1 is beta's first ticket: %d\n%s", code, body)
	}
	if code, _ := page(client.Get(base + "/c/alpha/tickets/1")); code != http.StatusForbidden {
		t.Fatalf("alpha's ticket is refused to beta's mentor: %d", code)
	}
}
