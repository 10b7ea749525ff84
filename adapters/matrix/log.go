package matrix

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/rs/zerolog"
)

// newZeroLogger routes mautrix's zerolog output into the bot's slog logger,
// warnings and errors only (mautrix's info and debug lines describe every
// request).
func newZeroLogger(l *slog.Logger) zerolog.Logger {
	return zerolog.New(slogWriter{l.With("lib", "mautrix")}).Level(zerolog.WarnLevel)
}

type slogWriter struct{ l *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) { return w.WriteLevel(zerolog.NoLevel, p) }

func (w slogWriter) WriteLevel(level zerolog.Level, p []byte) (int, error) {
	var fields map[string]any
	if err := json.Unmarshal(p, &fields); err != nil {
		w.l.Warn(string(p))
		return len(p), nil
	}
	msg, _ := fields[zerolog.MessageFieldName].(string)
	delete(fields, zerolog.MessageFieldName)
	delete(fields, zerolog.LevelFieldName)
	attrs := make([]slog.Attr, 0, len(fields))
	for k, v := range fields {
		attrs = append(attrs, slog.Any(k, v))
	}
	lv := slog.LevelWarn
	switch level {
	case zerolog.ErrorLevel, zerolog.FatalLevel, zerolog.PanicLevel:
		lv = slog.LevelError
	case zerolog.InfoLevel:
		lv = slog.LevelInfo
	case zerolog.DebugLevel, zerolog.TraceLevel:
		lv = slog.LevelDebug
	}
	switch msg {
	case "Request canceled", // every stop cancels the pending long poll
		"Request failed": // the adapter logs a lost connection once, not per attempt
		lv = slog.LevelDebug
	}
	w.l.LogAttrs(context.Background(), lv, msg, attrs...)
	return len(p), nil
}
