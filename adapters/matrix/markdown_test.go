package matrix

import (
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
)

func TestRender(t *testing.T) {
	alice := &bot.User{ID: "@alice:example.org", Name: "Alice <3"}
	for _, c := range []struct {
		name, md           string
		mention            *bot.User
		body, htmlContains string
		htmlLacks          string
	}{
		{"single paragraph unwrapped", "Voir **ici**", nil, "Voir ici", "Voir <strong>ici</strong>", "<p>"},
		{"pill with escaped name", "Bonjour", alice, "Alice <3: Bonjour",
			`<a href="https://matrix.to/#/@alice:example.org">Alice &lt;3</a>: Bonjour`, "<3"},
		{"pill before a list", "- un\n- deux", alice, "Alice <3: - un\n- deux", `</a>:<br><ul>`, ""},
		{"pill inside the first paragraph", "Un.\n\nDeux.", alice, "Alice <3: Un.\n\nDeux.", `<p><a href=`, ""},
		{"raw HTML dropped", "a <img src=x onerror=alert(1)> b", nil, "", "raw HTML omitted", "<img"},
		{"javascript link dropped", "[x](javascript:alert(1))", nil, "", "<a href=\"\">", "javascript:"},
		{"escaped user text stays text", bot.EscapeMarkdown("<b>gras</b> *x*"), nil, "<b>gras</b> *x*", "&lt;b&gt;gras&lt;/b&gt; *x*", "<b>"},
		{"bare link", "https://example.org/a", nil, "https://example.org/a", `<a href="https://example.org/a">`, ""},
		{"a sentence after a list and a blank line is not in the list", "Vouliez-vous dire :\n1. un\n2. deux\n\nRépondez 1 ou 2.", nil, "",
			"</ol>\n<p>Répondez 1 ou 2.</p>", "deux<br>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			body, html := render(c.md, c.mention)
			if c.body != "" && body != c.body {
				t.Errorf("body %q, want %q", body, c.body)
			}
			if !strings.Contains(html, c.htmlContains) {
				t.Errorf("html %q lacks %q", html, c.htmlContains)
			}
			if c.htmlLacks != "" && strings.Contains(html, c.htmlLacks) {
				t.Errorf("html %q contains %q", html, c.htmlLacks)
			}
		})
	}
}
