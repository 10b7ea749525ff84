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
func Health(b *bot.Bot) http.Handler { return health([]Community{{Bot: b}}) }

// Health is /healthz for every community of m: each FAQ must be loaded,
// and the count of entries names each community's.
func (m *Metrics) Health() http.Handler {
	if len(m.communities) == 0 {
		return Health(m.bot)
	}
	return health(m.communities)
}

func health(cs []Community) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		problems := problems(cs)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if len(problems) > 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, strings.Join(problems, "\n"))
			return
		}
		total := 0
		var each []string
		for _, c := range cs {
			_, kb := c.Bot.FAQ()
			n := len(kb.Served())
			total += n
			each = append(each, fmt.Sprintf("%s %d", c.Name, n))
		}
		entries := fmt.Sprintf("%d FAQ entries", total)
		if len(cs) > 1 {
			entries += " (" + strings.Join(each, ", ") + ")"
		}
		fmt.Fprintf(w, "ok: %s, %d adapters connected\n", entries, len(cs[0].Bot.Adapters()))
	})
}

// Problems lists why the bot is not ready; empty means ready.
func Problems(b *bot.Bot) []string { return problems([]Community{{Bot: b}}) }

func problems(cs []Community) []string {
	var out []string
	for _, c := range cs {
		if _, kb := c.Bot.FAQ(); kb == nil {
			if c.Name != "" && len(cs) > 1 {
				out = append(out, "FAQ of community "+c.Name+" not loaded")
			} else {
				out = append(out, "FAQ not loaded")
			}
		}
	}
	b := cs[0].Bot
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
