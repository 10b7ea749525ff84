package faq

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// LoadMarkdown parses every *.md file under fsys (README.md and hidden
// files and folders excepted) with parse, which gets the file's name for
// messages (prefix joined to its path), its base name without .md and its
// content, and returns the item (nil when it cannot be used) and its
// problems. Two items with the same id are a problem. The items come
// sorted by id; when any file has a problem, the problems come instead, so
// a caller never uses half a folder. The FAQ and the announcements share
// this layout.
func LoadMarkdown[T any](fsys fs.FS, prefix string, parse func(file, name string, data []byte) (*T, Problems), id func(*T) string) ([]*T, Problems) {
	var out []*T
	var probs Problems
	seen := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			msg := err.Error()
			if p == "." && errors.Is(err, fs.ErrNotExist) {
				msg = "folder not found" // rather than "stat .: ..."
			}
			probs = append(probs, &Problem{File: display(prefix, p), Msg: msg})
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".md") || strings.EqualFold(name, "README.md") || strings.HasPrefix(name, ".") {
			return nil
		}
		file := display(prefix, p)
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			probs = append(probs, &Problem{File: file, Msg: err.Error()})
			return nil
		}
		item, ps := parse(file, strings.TrimSuffix(name, ".md"), data)
		probs = append(probs, ps...)
		if item == nil {
			return nil
		}
		key := id(item)
		if other, dup := seen[key]; dup {
			probs = append(probs, &Problem{File: file, Line: 1, Msg: "duplicate id " + key + " (also " + other + ")"})
			return nil
		}
		seen[key] = file
		out = append(out, item)
		return nil
	})
	if err != nil {
		probs = append(probs, &Problem{File: display(prefix, "."), Msg: err.Error()})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	sort.Slice(out, func(i, j int) bool { return id(out[i]) < id(out[j]) })
	return out, nil
}

func display(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return filepath.Join(prefix, filepath.FromSlash(p))
}
