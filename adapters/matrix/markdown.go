package matrix

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/bot"
)

// md renders the bot's Markdown to the HTML subset Matrix clients show. Raw
// HTML in the source is dropped (goldmark's safe mode, the default), and so
// are javascript: links: text relayed from users cannot inject markup even
// if it was not escaped. Single newlines are kept, as chat users expect.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Strikethrough, extension.Linkify, extension.Table),
	goldmark.WithRendererOptions(gmhtml.WithHardWraps()),
)

// render returns the plain-text body and the HTML formatted_body for the
// bot's Markdown text, addressed to mention when not nil.
func render(text string, mention *bot.User) (body, formatted string) {
	var buf bytes.Buffer
	if err := md.Convert([]byte(text), &buf); err != nil {
		// goldmark only fails on writer errors; a bytes.Buffer has none.
		buf.Reset()
		buf.WriteString(html.EscapeString(text))
	}
	formatted = strings.TrimSpace(buf.String())
	if p := strings.TrimSuffix(strings.TrimPrefix(formatted, "<p>"), "</p>"); "<p>"+p+"</p>" == formatted && !strings.Contains(p, "<p>") {
		formatted = p // a single paragraph needs no wrapper
	}
	body = strings.TrimSpace(bot.PlainText(text))
	if mention == nil {
		return body, formatted
	}
	name := mention.DisplayName()
	pill := `<a href="` + html.EscapeString(id.UserID(mention.ID).URI().MatrixToURL()) + `">` + html.EscapeString(name) + `</a>`
	body = name + ": " + body
	if rest, ok := strings.CutPrefix(formatted, "<p>"); ok {
		formatted = "<p>" + pill + ": " + rest
	} else if startsBlock(formatted) {
		formatted = pill + ":<br>" + formatted
	} else {
		formatted = pill + ": " + formatted
	}
	return body, formatted
}

func startsBlock(h string) bool {
	for _, t := range []string{"<ul", "<ol", "<h", "<blockquote", "<pre", "<table"} {
		if strings.HasPrefix(h, t) {
			return true
		}
	}
	return false
}
