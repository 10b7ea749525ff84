package faq

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Document is a Markdown file split into its YAML front matter and body.
type Document struct {
	Meta     yaml.Node // the mapping node of the front matter
	Body     string
	BodyLine int // 1-based line where the body starts
}

// SplitFrontMatter parses "---\n<yaml>\n---\n<body>". Errors carry a 1-based
// line number through *Problem (File left empty for the caller to fill).
func SplitFrontMatter(data []byte) (*Document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if !strings.HasPrefix(text, "---\n") {
		return nil, &Problem{Line: 1, Msg: "missing front matter: the file must start with a line \"---\""}
	}
	rest := text[4:]
	end := -1
	line := 2
	for off := 0; off <= len(rest); {
		nl := strings.IndexByte(rest[off:], '\n')
		var cur string
		if nl < 0 {
			cur = rest[off:]
		} else {
			cur = rest[off : off+nl]
		}
		if strings.TrimRight(cur, " \t") == "---" {
			end = off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
		line++
	}
	if end < 0 {
		return nil, &Problem{Line: 1, Msg: "front matter is not closed: no line \"---\" after the opening one"}
	}
	yamlText := rest[:end]
	body := ""
	if i := strings.IndexByte(rest[end:], '\n'); i >= 0 {
		body = rest[end+i+1:]
	}
	doc := &Document{Body: body, BodyLine: line + 1}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(yamlText), &root); err != nil {
		return nil, yamlProblem(err, 1)
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, &Problem{Line: 2, Msg: "front matter is empty"}
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, &Problem{Line: m.Line + 1, Msg: "front matter must be a mapping of keys to values"}
	}
	doc.Meta = *m
	return doc, nil
}

// yamlProblem turns a yaml.v3 error ("yaml: line N: msg") into a Problem whose
// line counts from the file start (the front matter starts at file line 2).
func yamlProblem(err error, offset int) *Problem {
	msg := err.Error()
	line := 0
	var rest string
	if n, _ := fmt.Sscanf(msg, "yaml: line %d:", &line); n == 1 {
		if i := strings.Index(msg, ": "); i >= 0 {
			rest = msg[i+2:]
			if j := strings.Index(rest, ": "); j >= 0 {
				rest = rest[j+2:]
			}
		}
		if strings.HasPrefix(rest, "did not find expected") {
			// yaml.v3 counts parser (not scanner) error lines from 0
			line++
		}
		return &Problem{Line: line + offset, Msg: "bad YAML: " + rest}
	}
	return &Problem{Line: 1 + offset, Msg: "bad YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}
