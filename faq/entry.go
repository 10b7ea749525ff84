package faq

// Entry is one FAQ answer, loaded from one Markdown file.
type Entry struct {
	ID        string   // file name without .md, unique across the KB
	Lang      string   // "fr" or "en"
	Title     string   // the question as the maintainer titles it
	Questions []string // canonical phrasings
	Tags      []string
	Draft     bool   // linted but never served
	Body      string // the answer, Markdown
	Path      string // file path as given to the loader, for messages
}

// KB is a loaded knowledge base.
type KB struct {
	Entries  []*Entry  // sorted by ID, drafts included
	Glossary *Glossary // the community's own vocabulary, or nil
	byID     map[string]*Entry
}

// Get returns the entry with that id.
func (kb *KB) Get(id string) (*Entry, bool) {
	e, ok := kb.byID[id]
	return e, ok
}

// Served returns the entries the bot may answer with (no drafts).
func (kb *KB) Served() []*Entry {
	var out []*Entry
	for _, e := range kb.Entries {
		if !e.Draft {
			out = append(out, e)
		}
	}
	return out
}

// NewKB builds a KB from entries (ids must already be unique).
func NewKB(entries []*Entry) *KB {
	kb := &KB{Entries: entries, byID: make(map[string]*Entry, len(entries))}
	for _, e := range entries {
		kb.byID[e.ID] = e
	}
	return kb
}
