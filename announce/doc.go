// Package announce owns the announcements maintainers keep in git: trainings
// and service openings, one Markdown file each with a YAML front matter. It
// parses and lints those files (file:line problems), computes which posts
// are due at a given instant from the files, the configured offsets and
// rooms, and the history of what was already posted, and writes the
// trainings as an iCalendar feed (RFC 5545).
//
// It is pure: time is always passed in, nothing is sent or stored here. It
// may import faq (for the front-matter reader), never bot, sqlite or an
// adapter.
package announce
