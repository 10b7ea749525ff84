package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Secrets with characters that JSON, URLs and log quoting each write
// differently, so a leak in any of those forms is found.
const (
	leakPassword = `pa"ss\wörd&x=1/é<`
	leakToken    = "syt_token+with/slash=="
	leakPickle   = "pickle key'with quote"
)

// echoServer is a homeserver that answers every request with the request
// itself, the way some proxies and misconfigured servers do in error pages.
func echoServer(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, dump string)) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		dump := fmt.Sprintf("%s %s %v %s", r.Method, r.URL, r.Header, body)
		answer(w, r, dump)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func matrixError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"errcode": code, "error": msg})
}

// Every way a Matrix login can fail, against a server that echoes the
// request into its error: nothing the process prints — log lines, the
// final error — holds a secret, in any encoding.
func TestLoginFailuresNeverPrintSecrets(t *testing.T) {
	cases := []struct {
		name        string
		token, pass bool
		echoed      bool // the failure's message carries the echo
		answer      func(w http.ResponseWriter, r *http.Request, dump string)
	}{
		{"password refused", false, true, true, func(w http.ResponseWriter, r *http.Request, dump string) {
			matrixError(w, 403, "M_FORBIDDEN", dump)
		}},
		{"token refused", true, false, true, func(w http.ResponseWriter, r *http.Request, dump string) {
			matrixError(w, 403, "M_FORBIDDEN", dump)
		}},
		{"token revoked then password refused", true, true, true, func(w http.ResponseWriter, r *http.Request, dump string) {
			if strings.HasSuffix(r.URL.Path, "/whoami") {
				matrixError(w, 401, "M_UNKNOWN_TOKEN", dump)
				return
			}
			matrixError(w, 403, "M_FORBIDDEN", dump)
		}},
		{"not JSON", true, true, false, func(w http.ResponseWriter, r *http.Request, dump string) {
			w.WriteHeader(400)
			io.WriteString(w, "<html>"+dump+"</html>")
		}},
		{"success that is not JSON", false, true, false, func(w http.ResponseWriter, r *http.Request, dump string) {
			io.WriteString(w, dump)
		}},
		{"overloaded, retried until stopped", false, true, true, func(w http.ResponseWriter, r *http.Request, dump string) {
			matrixError(w, 503, "M_UNKNOWN", dump)
		}},
		{"rate limited, retried until stopped", true, false, true, func(w http.ResponseWriter, r *http.Request, dump string) {
			matrixError(w, 429, "M_LIMIT_EXCEEDED", dump)
		}},
		{"token of someone else", true, false, true, func(w http.ResponseWriter, r *http.Request, dump string) {
			json.NewEncoder(w).Encode(map[string]string{"user_id": "@other:" + dump, "device_id": "D"})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hs := echoServer(t, c.answer)
			dir := t.TempDir()
			faqDir, err := filepath.Abs(exampleFAQ)
			if err != nil {
				t.Fatal(err)
			}
			body := fmt.Sprintf("[bot]\ndatabase = %q\nfaq_dir = %q\nlog_level = \"debug\"\n[matrix]\nenabled = true\nhomeserver = %q\nuser_id = \"@bot:localhost\"\nencryption = false\n",
				filepath.Join(dir, "e.db"), faqDir, hs)
			path := filepath.Join(dir, "entraide.toml")
			if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			t.Setenv("ENTRAIDE_MATRIX_PASSWORD", "")
			t.Setenv("ENTRAIDE_MATRIX_ACCESS_TOKEN", "")
			if c.pass {
				t.Setenv("ENTRAIDE_MATRIX_PASSWORD", leakPassword)
			}
			if c.token {
				t.Setenv("ENTRAIDE_MATRIX_ACCESS_TOKEN", leakToken)
			}
			t.Setenv("ENTRAIDE_MATRIX_PICKLE_KEY", leakPickle)
			ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
			defer cancel()
			var out, errs bytes.Buffer
			code := run(ctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs}, []string{"run", "--config", path})
			printed := out.String() + errs.String()
			if code == 0 && ctx.Err() == nil {
				t.Fatalf("login did not fail:\n%s", printed)
			}
			if c.echoed && !strings.Contains(printed, "[redacted]") {
				t.Errorf("the echo did not reach the output, so this case checks nothing:\n%s", printed)
			}
			for _, secret := range []string{leakPassword, leakToken, leakPickle} {
				for _, form := range leakForms(secret) {
					if strings.Contains(printed, form) {
						t.Errorf("secret printed as %q:\n%s", form, printed)
					}
				}
			}
		})
	}
}

// leakForms are the ways a secret can be written in output: as is, inside
// JSON, URL-encoded, quoted by a log line (even twice).
func leakForms(s string) []string {
	j, _ := json.Marshal(s)
	jj, _ := json.Marshal(string(j))
	q := fmt.Sprintf("%q", s)
	return []string{s, string(j[1 : len(j)-1]), string(jj[1 : len(jj)-1]), url.QueryEscape(s), url.PathEscape(s), q[1 : len(q)-1]}
}
