package config

import (
	"strings"
	"testing"
)

// A bot name that would hide or disguise itself where it is shown (a
// right-to-left override, a zero-width space, markup, a newline) is refused
// with its line; an ordinary name with accents or an underscore is kept.
func TestBotNameMustBePlainText(t *testing.T) {
	const console = "[console]\nenabled = true\n"
	for _, name := range []string{`<b>bot</b>`, `bot\u202e`, `en\u200btraide`, `bot\nx`} {
		_, err := Load(write(t, console+"[bot]\nname = \""+name+"\"\n"))
		if err == nil || !strings.Contains(err.Error(), "entraide.toml:4: bot.name must be plain text") {
			t.Errorf("name %s: got %v", name, err)
		}
	}
	for _, name := range []string{"entraide", "Hélène_bot", "bot d'entraide"} {
		if _, err := Load(write(t, console+"[bot]\nname = \""+name+"\"\n")); err != nil {
			t.Errorf("name %s refused: %v", name, err)
		}
	}
}
