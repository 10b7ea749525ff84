package metrics

import (
	"fmt"
	"net/http"
	"strings"

	"codeberg.org/entraide/entraide/bot"
)

// Health serves /healthz: 200 "ok" when the KB is loaded and every adapter
// reports it is connected, else 503 with one line per problem, so a
// supervisor restarts or alerts only when the bot really cannot serve.
func Health(b *bot.Bot) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		problems := Problems(b)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if len(problems) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, strings.Join(problems, "\n"))
			return
		}
		_, kb := b.FAQ()
		fmt.Fprintf(w, "ok: %d FAQ entries, %d adapters connected\n", len(kb.Served()), len(b.Adapters()))
	})
}

// Problems lists why the bot is not ready; empty means ready.
func Problems(b *bot.Bot) []string {
	var out []string
	if _, kb := b.FAQ(); kb == nil {
		out = append(out, "FAQ not loaded")
	}
	if len(b.Adapters()) == 0 {
		out = append(out, "no adapter")
	}
	for _, a := range b.Adapters() {
		if !Connected(a) {
			out = append(out, "adapter "+a.Name()+" not connected")
		}
	}
	return out
}
