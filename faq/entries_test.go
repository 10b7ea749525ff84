package faq

import "testing/fstest"

// EntryFile is one FAQ file for a test knowledge base: front matter (tags
// left out when empty) and the answer. Exported for the package's
// external tests too.
func EntryFile(lang, title, question, tags, body string) *fstest.MapFile {
	text := "---\nlang: " + lang + "\ntitle: \"" + title + "\"\nquestions:\n  - \"" + question + "\"\n"
	if tags != "" {
		text += "tags: [" + tags + "]\n"
	}
	return &fstest.MapFile{Data: []byte(text + "---\n" + body + "\n")}
}
