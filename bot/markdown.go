package bot

import (
	"fmt"
	"regexp"
	"strings"
)

var mdEscaper = strings.NewReplacer(append([]string{
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "~", `\~`,
}, bidiPairs(`\[`, `\]`)...)...)

// bidiControls reorder the text around them: « gpj.exe » shown as
// « exe.jpg ». They are visible and inert in text shown to mentors.
var bidiControls = []rune{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}

func bidiPairs(open, close string) []string {
	var out []string
	for _, r := range bidiControls {
		out = append(out, string(r), fmt.Sprintf("%sU+%04X%s", open, r, close))
	}
	return out
}

var bidiNeutral = strings.NewReplacer(bidiPairs("[", "]")...)

// NeutraliseBidi replaces bidirectional controls in plain text (a web page)
// with their visible code, « [U+202E] ».
func NeutraliseBidi(s string) string { return bidiNeutral.Replace(s) }

// EscapeMarkdown makes user text safe to embed in a bot reply: it renders as
// the same characters, bidirectional controls aside (shown by their code),
// and can inject neither markup nor HTML.
func EscapeMarkdown(s string) string { return mdEscaper.Replace(s) }

// maxEcho is how many characters of a typed argument a reply repeats.
const maxEcho = 40

// EchoArg escapes a typed argument for a reply that repeats it ("unknown
// command !xyz"), cut to its first characters on one line: a reply never
// sends back a page someone pasted.
func EchoArg(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s[:min(len(s), 4*maxEcho)]); len(r) > maxEcho || len(s) > 4*maxEcho {
		s = string(r[:min(len(r), maxEcho-1)]) + "…"
	}
	return EscapeMarkdown(s)
}

// Quote formats user text as an escaped Markdown block quote.
func Quote(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = "> " + EscapeMarkdown(l)
	}
	return strings.Join(lines, "\n")
}

var (
	mdLink     = regexp.MustCompile(`\[([^\]]*)\]\(([^)\s]+)\)`)
	mdAutolink = regexp.MustCompile(`<((?:https?|mailto|xmpp):[^>\s]+)>`)
	mdEmph     = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdCode     = regexp.MustCompile("`([^`]+)`")
	mdHeading  = regexp.MustCompile(`(?m)^#{1,6}\s+`)
	mdEscape   = regexp.MustCompile(`\\([\\` + "`" + `*_\[\]<>#|~{}()+.!-])`)
)

// PlainText flattens the Markdown the bot writes into readable plain text
// for protocols without rich text: links become "text (url)", emphasis and
// headings marks go, escapes are undone.
func PlainText(md string) string {
	// Hide escaped characters first so "\[" never starts a link.
	s := mdEscape.ReplaceAllStringFunc(md, func(m string) string { return string(rune(privateUse + int(m[1]))) })
	s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := mdLink.FindStringSubmatch(m)
		if sub[1] == sub[2] || sub[1] == "" {
			return sub[2]
		}
		return sub[1] + " (" + sub[2] + ")"
	})
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdEmph.ReplaceAllString(s, "$2")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdHeading.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		if r >= privateUse && r < privateUse+128 {
			return r - privateUse
		}
		return r
	}, s)
}

// privateUse is where PlainText parks escaped ASCII characters.
const privateUse = 0xE000
