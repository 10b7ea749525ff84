package faq

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// MaxFileBytes is the largest FAQ entry or announcement file read; a
// larger one is a problem rather than something to hold in memory.
const MaxFileBytes = 1 << 20

// DirFS is os.DirFS whose files are opened without blocking, so a named
// pipe or a device in the folder is reported instead of waited on.
func DirFS(dir string) fs.FS { return nonBlockingDir(dir) }

type nonBlockingDir string

func (d nonBlockingDir) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.OpenFile(filepath.Join(string(d), filepath.FromSlash(name)), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err // *os.File returns a *PathError already
	}
	return f, nil
}

// LoadMarkdown parses every *.md file under fsys (README.md, documents
// named in capitals, and hidden files and folders excepted) with parse,
// which gets the file's name for
// messages (prefix joined to its path), its base name without .md and its
// content, and returns the item (nil when it cannot be used) and its
// problems. Two items with the same id are a problem. The items come
// sorted by id; when any file has a problem, the problems come instead, so
// a caller never uses half a folder. The FAQ and the announcements share
// this layout. Only regular files of at most MaxFileBytes are read; when
// ctx ends, loading stops with a problem wrapping ctx.Err().
func LoadMarkdown[T any](ctx context.Context, fsys fs.FS, prefix string, parse func(file, name string, data []byte) (*T, Problems), id func(*T) string) ([]*T, Problems) {
	var out []*T
	var probs Problems
	seen := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
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
		if !strings.HasSuffix(name, ".md") || isDocFile(name) || strings.HasPrefix(name, ".") {
			return nil
		}
		file := display(prefix, p)
		data, prob := readRegular(fsys, p)
		if prob != nil {
			prob.File = file
			probs = append(probs, prob)
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
		probs = append(probs, &Problem{File: display(prefix, "."), Msg: err.Error(), err: err})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	sort.Slice(out, func(i, j int) bool { return id(out[i]) < id(out[j]) })
	return out, nil
}

// readRegular reads the file p when it is a regular file of at most
// MaxFileBytes, and otherwise returns a problem on its first line.
func readRegular(fsys fs.FS, p string) ([]byte, *Problem) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, &Problem{Msg: err.Error()}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &Problem{Msg: err.Error()}
	}
	if !info.Mode().IsRegular() {
		return nil, &Problem{Line: 1, Msg: fmt.Sprintf("not a regular file (%s): remove it or give it another name than .md", info.Mode().Type())}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, &Problem{Msg: err.Error()}
	}
	if len(data) > MaxFileBytes {
		return nil, &Problem{Line: 1, Msg: fmt.Sprintf("file too large: more than %d KiB, the limit", MaxFileBytes>>10)}
	}
	return data, nil
}

func display(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return filepath.Join(prefix, filepath.FromSlash(p))
}

// isDocFile reports whether a Markdown file documents the folder rather
// than being an item: README.md, and names in capitals (NOT-COVERED.md,
// CONTRIBUTING.md), which an item's kebab-case id never is.
func isDocFile(name string) bool {
	base := strings.TrimSuffix(name, ".md")
	return strings.EqualFold(name, "README.md") || base != "" && strings.ToUpper(base) == base && strings.ToLower(base) != base
}
