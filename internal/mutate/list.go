package main

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"strings"
)

// A mutation replaces one exact piece of text of a file with another.
type mutation struct {
	Line     int      // line of the list, for messages
	File     string   // slash path from the module root
	Pkgs     []string // packages whose tests should catch it ("./faq")
	Flags    []string // more go test flags for them ("-run=Redact")
	Note     string   // the "# ..." line just above: what the bug would do
	From, To string
	Accepted string // "= reason": a survivor known to be equivalent or accepted
}

// testArgs are the go test arguments that judge m: flags, then packages.
func (m *mutation) testArgs() []string {
	return append(append([]string{}, m.Flags...), m.Pkgs...)
}

// parseList reads the list format:
//
//	@ faq/matcher.go [./faq ./other] [-run=X]   file, owning packages (default
//	                                           its folder), go test flags
//	# one weak candidate becomes "did you mean"
//	- n >= 2 && a.Features.Strong
//	+ n >= 1 && a.Features.Strong
//	= equivalent: ...                  optional, for an accepted survivor
//
// A "@" line holds for the mutations after it. Blank lines, "#" lines and
// "##" headings are comments; a "#" line just before a "-" line is its note.
func parseList(r io.Reader, name string) ([]mutation, error) {
	var (
		out   []mutation
		file  string
		pkgs  []string
		flags []string
		note  string
		cur   *mutation
	)
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		bad := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, args...))
		}
		tag, text, _ := strings.Cut(line, " ")
		if cur != nil && tag != "+" {
			return nil, bad(`a "- original" line must be followed by its "+ replacement" line`)
		}
		switch tag {
		case "":
			if strings.TrimSpace(line) != "" {
				return nil, bad("a line starts with a space: want @, #, -, + or =")
			}
			note = ""
		case "#":
			note = strings.TrimSpace(text)
		case "##", "###":
			note = "" // a heading
		case "@":
			f := strings.Fields(text)
			if len(f) == 0 {
				return nil, bad("@ needs a file")
			}
			file, pkgs, flags = f[0], nil, nil
			for _, x := range f[1:] {
				if strings.HasPrefix(x, "-") {
					flags = append(flags, x)
				} else {
					pkgs = append(pkgs, x)
				}
			}
			if len(pkgs) == 0 {
				pkgs = []string{"./" + path.Dir(file)}
			}
		case "-":
			if file == "" {
				return nil, bad(`"-" before any "@ file" line`)
			}
			if text == "" {
				return nil, bad("empty original text")
			}
			cur = &mutation{Line: n, File: file, Pkgs: pkgs, Flags: flags, Note: note, From: text}
		case "+":
			if cur == nil {
				return nil, bad(`"+" without a "-" line before it`)
			}
			if text == cur.From {
				return nil, bad("the replacement is the original")
			}
			cur.To = text
			out = append(out, *cur)
			cur, note = nil, ""
		case "=":
			if len(out) == 0 || out[len(out)-1].Line != n-2 {
				return nil, bad(`"=" must follow a "+" line`)
			}
			out[len(out)-1].Accepted = strings.TrimSpace(text)
		default:
			return nil, bad("unknown line: want @, #, -, + or =")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if cur != nil {
		return nil, fmt.Errorf("%s:%d: the last mutation has no \"+\" line", name, cur.Line)
	}
	return out, nil
}
