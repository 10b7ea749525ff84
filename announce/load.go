package announce

import (
	"context"
	"io/fs"
	"os"
	"time"

	"codeberg.org/entraide/entraide/faq"
)

// LoadDir loads every announcement under dir. See LoadFS.
func LoadDir(dir string, loc *time.Location) ([]*Announcement, error) {
	return LoadDirContext(context.Background(), dir, loc)
}

// LoadDirContext is LoadDir stopping when ctx ends.
func LoadDirContext(ctx context.Context, dir string, loc *time.Location) ([]*Announcement, error) {
	if _, err := os.Stat(dir); err != nil {
		// A missing folder must not read as "every announcement was
		// removed", which would post cancellations.
		return nil, faq.Problems{{File: dir, Msg: "announcement folder not found"}}
	}
	return load(ctx, faq.DirFS(dir), dir, loc)
}

// LoadFS loads every *.md file under fsys (README.md and hidden files and
// folders excepted), sorted by id. When any file has a problem it returns
// faq.Problems listing all of them and nothing else, so a bad edit never
// looks like removed announcements.
func LoadFS(fsys fs.FS, loc *time.Location) ([]*Announcement, error) {
	return load(context.Background(), fsys, "", loc)
}

func load(ctx context.Context, fsys fs.FS, prefix string, loc *time.Location) ([]*Announcement, error) {
	if loc == nil {
		loc = time.UTC
	}
	parse := func(file, name string, data []byte) (*Announcement, faq.Problems) {
		return Parse(file, name, data, loc)
	}
	out, probs := faq.LoadMarkdown(ctx, fsys, prefix, parse, func(a *Announcement) string { return a.ID })
	if len(probs) > 0 {
		return nil, probs
	}
	return out, nil
}
