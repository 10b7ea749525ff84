package main

import (
	"context"
	"log/slog"
	"regexp"
	"strings"
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
	var s []string
	for _, x := range secrets {
		if len(x) >= 4 { // a 1-3 character "secret" would blank out ordinary words
			s = append(s, x)
		}
	}
	return slog.New(&redactor{next: log.Handler(), secrets: s})
}

var urlUserinfo = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@`)

func (h *redactor) scrub(s string) string {
	for _, x := range h.secrets {
		if strings.Contains(s, x) {
			s = strings.ReplaceAll(s, x, "[redacted]")
		}
	}
	if strings.Contains(s, "://") && strings.Contains(s, "@") {
		s = urlUserinfo.ReplaceAllString(s, "${1}[redacted]@")
	}
	return s
}

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
