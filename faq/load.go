package faq

import (
	"context"
	"io/fs"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// LoadDir loads every entry under dir. See LoadFS.
func LoadDir(dir string) (*KB, error) { return LoadDirContext(context.Background(), dir) }

// LoadDirContext is LoadDir stopping when ctx ends.
func LoadDirContext(ctx context.Context, dir string) (*KB, error) {
	return loadFS(ctx, DirFS(dir), dir)
}

// LoadFS loads every *.md file under fsys (README.md and hidden folders
// excepted), and the glossary (GlossaryFile) at its top when there is one. When any file has a problem it returns Problems listing all of
// them and no KB, so a caller never serves half a knowledge base.
func LoadFS(fsys fs.FS) (*KB, error) { return loadFS(context.Background(), fsys, "") }

func loadFS(ctx context.Context, fsys fs.FS, prefix string) (*KB, error) {
	entries, probs := LoadMarkdown(ctx, fsys, prefix, ParseEntry, func(e *Entry) string { return e.ID })
	g, gprobs := readGlossary(fsys, prefix)
	if probs = append(probs, gprobs...); len(probs) > 0 {
		return nil, probs
	}
	kb := NewKB(entries)
	kb.Glossary = g
	return kb, nil
}

// ParseEntry parses one entry file. id is the file name without .md. It
// returns every problem found; the entry is nil when it cannot be served.
func ParseEntry(file, id string, data []byte) (*Entry, Problems) {
	var probs Problems
	add := func(line int, msg string) { probs = append(probs, &Problem{File: file, Line: line, Msg: msg}) }
	if !idPattern.MatchString(id) {
		add(1, "bad id "+strconvQuote(id)+": the file name must be lowercase ASCII kebab-case, like nuage-mot-de-passe.md")
	}
	doc, err := SplitFrontMatter(data)
	if err != nil {
		p := err.(*Problem)
		p.File = file
		return nil, append(probs, p)
	}
	e := &Entry{ID: id, Path: file, Body: strings.TrimSpace(doc.Body)}
	keyLines := map[string]int{}
	meta := &doc.Meta
	for i := 0; i+1 < len(meta.Content); i += 2 {
		k, v := meta.Content[i], meta.Content[i+1]
		line := k.Line + 1 // yaml lines count from the front matter's first line
		if _, dup := keyLines[k.Value]; dup {
			add(line, "duplicate key "+k.Value)
			continue
		}
		keyLines[k.Value] = line
		switch k.Value {
		case "lang":
			e.Lang = scalar(v, line, "lang", add)
			if e.Lang != "" && e.Lang != "fr" && e.Lang != "en" {
				add(line, "unknown lang "+strconvQuote(e.Lang)+": use fr or en")
			}
		case "title":
			e.Title = scalar(v, line, "title", add)
		case "questions":
			e.Questions = list(v, line, "questions", add)
		case "tags":
			e.Tags = list(v, line, "tags", add)
		case "draft":
			if v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false") {
				add(line, "draft must be true or false")
			}
			e.Draft = v.Value == "true"
		default:
			add(line, "unknown key "+strconvQuote(k.Value)+" (known: lang, title, questions, tags, draft)")
		}
	}
	if l, ok := keyLines["lang"]; !ok {
		add(2, "missing field lang (fr or en)")
	} else if e.Lang == "" {
		add(l, "empty lang: use fr or en")
	}
	if _, ok := keyLines["title"]; !ok {
		add(2, "missing field title")
	} else if strings.TrimSpace(e.Title) == "" {
		add(keyLines["title"], "empty title")
	}
	if l, ok := keyLines["questions"]; !ok {
		add(2, "missing field questions (a list of 1 or more phrasings)")
	} else if len(e.Questions) == 0 {
		add(l, "questions must list at least one phrasing")
	}
	if IsBlank(e.Body) {
		add(doc.BodyLine, "empty answer: write the answer below the closing ---")
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return e, nil
}

func scalar(v *yaml.Node, line int, key string, add func(int, string)) string {
	if v.Kind != yaml.ScalarNode {
		add(line, key+" must be a single text value")
		return ""
	}
	return strings.TrimSpace(v.Value)
}

func list(v *yaml.Node, line int, key string, add func(int, string)) []string {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		add(line, key+" must be a list, like ["+key+" one, "+key+" two] or lines starting with \"- \"")
		return nil
	}
	var out []string
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode {
			add(it.Line+1, key+": each item must be a text value")
			continue
		}
		if s := strings.TrimSpace(it.Value); s != "" {
			out = append(out, s)
		} else {
			add(it.Line+1, key+": empty item")
		}
	}
	return out
}

func strconvQuote(s string) string { return `"` + s + `"` }
