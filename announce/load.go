package announce

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/faq"
)

// LoadDir loads every announcement under dir. See LoadFS.
func LoadDir(dir string, loc *time.Location) ([]*Announcement, error) {
	if _, err := os.Stat(dir); err != nil {
		// A missing folder must not read as "every announcement was
		// removed", which would post cancellations.
		return nil, faq.Problems{{File: dir, Msg: "announcement folder not found"}}
	}
	return load(os.DirFS(dir), dir, loc)
}

// LoadFS loads every *.md file under fsys (README.md and hidden files and
// folders excepted), sorted by id. When any file has a problem it returns
// faq.Problems listing all of them and nothing else, so a bad edit never
// looks like removed announcements.
func LoadFS(fsys fs.FS, loc *time.Location) ([]*Announcement, error) { return load(fsys, "", loc) }

func load(fsys fs.FS, prefix string, loc *time.Location) ([]*Announcement, error) {
	if loc == nil {
		loc = time.UTC
	}
	var out []*Announcement
	var probs faq.Problems
	seen := map[string]string{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			probs = append(probs, &faq.Problem{File: display(prefix, p), Msg: err.Error()})
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
			probs = append(probs, &faq.Problem{File: file, Msg: err.Error()})
			return nil
		}
		a, ps := Parse(file, strings.TrimSuffix(name, ".md"), data, loc)
		probs = append(probs, ps...)
		if a == nil {
			return nil
		}
		if other, dup := seen[a.ID]; dup {
			probs = append(probs, &faq.Problem{File: file, Line: 1, Msg: "duplicate id " + a.ID + " (also " + other + ")"})
			return nil
		}
		seen[a.ID] = file
		out = append(out, a)
		return nil
	})
	if err != nil {
		probs = append(probs, &faq.Problem{File: display(prefix, "."), Msg: err.Error()})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func display(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return filepath.Join(prefix, filepath.FromSlash(p))
}
