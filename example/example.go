package example

import (
	"embed"
	"io/fs"
)

//go:embed faq announcements
var files embed.FS

// FAQ is the example knowledge base (fr/ and en/ entries).
func FAQ() fs.FS { return sub("faq") }

// Announcements is the example announcement folder.
func Announcements() fs.FS { return sub("announcements") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the directory is embedded at build time; this cannot fail
	}
	return f
}
