package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// redactor wraps a slog handler so that no configured secret and no
// user:password@ part of a URL reaches the log, whatever a library puts in
// an error message.
type redactor struct {
	next    slog.Handler
	secrets []string
}

// redact wraps log so that the given secrets and URL credentials never reach
// its output. It is used even with no secret configured, since a git remote
// or homeserver URL may carry a password of its own.
func redact(log *slog.Logger, secrets []string) *slog.Logger {
	return slog.New(&redactor{next: log.Handler(), secrets: secretForms(secrets)})
}

// secretForms lists each secret as it may be written in output: as is,
// inside JSON (a server echoing the login request), URL-encoded, quoted by
// a log line, and those quoted once more, longest first so that a longer
// form is replaced whole. A 1-3 character "secret" would blank out
// ordinary words and is left out.
func secretForms(secrets []string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(f string) {
		if len(f) >= 4 && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	inner := func(quoted string) string { return quoted[1 : len(quoted)-1] }
	jsonForm := func(s string) string {
		b, _ := json.Marshal(s)
		return inner(string(b))
	}
	for _, x := range secrets {
		if len(x) < 4 {
			continue
		}
		forms := []string{x, jsonForm(x), inner(strconv.Quote(x)), url.QueryEscape(x), url.PathEscape(x)}
		for _, f := range forms {
			add(f)
			add(jsonForm(f))
			add(inner(strconv.Quote(f)))
		}
	}
	// longest first: "a\"b" must go before the "a" it contains
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// scrubber removes secrets from everything the process writes, the final
// error line included, for secrets learnt once the config is read.
type scrubber struct {
	mu     sync.RWMutex
	learnt []string
	forms  []string // secretForms(learnt)
}

// add learns more secrets.
func (s *scrubber) add(secrets []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.learnt = append(s.learnt, secrets...)
	s.forms = secretForms(s.learnt)
}

func (s *scrubber) scrub(text string) string {
	s.mu.RLock()
	h := redactor{secrets: s.forms}
	s.mu.RUnlock()
	return h.scrub(text)
}

// writer wraps w: every write goes out scrubbed. Writes are scrubbed one
// at a time; the process writes whole lines.
func (s *scrubber) writer(w io.Writer) io.Writer { return scrubWriter{s: s, w: w} }

type scrubWriter struct {
	s *scrubber
	w io.Writer
}

func (sw scrubWriter) Write(p []byte) (int, error) {
	clean := sw.s.scrub(string(p))
	if clean == string(p) {
		return sw.w.Write(p)
	}
	if _, err := io.WriteString(sw.w, clean); err != nil {
		return 0, err
	}
	return len(p), nil
}

var urlUserinfo = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\s]+)@`)

func (h *redactor) scrub(s string) string {
	for _, x := range h.secrets {
		if strings.Contains(s, x) {
			s = strings.ReplaceAll(s, x, "[redacted]")
		}
	}
	if strings.Contains(s, "://") && strings.Contains(s, "@") {
		s = urlUserinfo.ReplaceAllStringFunc(s, func(m string) string {
			sub := urlUserinfo.FindStringSubmatch(m)
			if placeholder.MatchString(sub[2]) {
				return m // « postgres://USER@HOST » in a usage text
			}
			return sub[1] + "[redacted]@"
		})
	}
	return s
}

// placeholder is the userinfo of a URL in help texts (USER), which names
// no one and hides nothing; with a password it is redacted all the same.
var placeholder = regexp.MustCompile(`^[A-Z][A-Z_]*$`)

func (h *redactor) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.scrub(v.String()))
	case slog.KindAny:
		if s := v.String(); s != h.scrub(s) {
			return slog.String(a.Key, h.scrub(s))
		}
	case slog.KindGroup:
		g := v.Group()
		out := make([]any, len(g))
		for i, x := range g {
			out[i] = h.attr(x)
		}
		return slog.Group(a.Key, out...)
	}
	return slog.Attr{Key: a.Key, Value: v}
}

func (h *redactor) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *redactor) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.scrub(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *redactor) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return &redactor{next: h.next.WithAttrs(clean), secrets: h.secrets}
}

func (h *redactor) WithGroup(name string) slog.Handler {
	return &redactor{next: h.next.WithGroup(name), secrets: h.secrets}
}
