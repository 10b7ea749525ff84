package announce

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/entraide/entraide/faq"
	"gopkg.in/yaml.v3"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Fields a file may set, for the "unknown key" message.
var knownKeys = []string{"kind", "title", "lang", "rooms", "date", "time", "starts", "ends", "place", "online",
	"price", "register", "seats", "opens", "url"}

// Keys that only make sense for one kind.
var onlyFor = map[string]Kind{
	"date": Training, "time": Training, "starts": Training, "ends": Training,
	"place": Training, "online": Training, "seats": Training,
	"opens": Service, "url": Service,
}

// Parse reads one announcement file. id is the file name without .md; loc
// is the time zone of dates written without one ("date", "time", "opens").
// It returns every problem found; the announcement is nil when there is any.
func Parse(file, id string, data []byte, loc *time.Location) (*Announcement, faq.Problems) {
	var probs faq.Problems
	add := func(line int, format string, args ...any) {
		probs = append(probs, &faq.Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if !idPattern.MatchString(id) {
		add(1, "bad id %q: the file name must be lowercase ASCII kebab-case, like formation-reseaux-libres.md", id)
	}
	doc, err := faq.SplitFrontMatter(data)
	if err != nil {
		p, ok := err.(*faq.Problem)
		if !ok {
			p = &faq.Problem{Line: 1, Msg: err.Error()}
		}
		p.File = file
		return nil, append(probs, p)
	}
	a := &Announcement{ID: id, Path: file, Body: strings.TrimSpace(doc.Body)}

	vals := map[string]*yaml.Node{}
	lines := map[string]int{}
	meta := &doc.Meta
	for i := 0; i+1 < len(meta.Content); i += 2 {
		k, v := meta.Content[i], meta.Content[i+1]
		line := k.Line + 1 // yaml counts from the front matter's first line, the file's line 2
		if _, dup := lines[k.Value]; dup {
			add(line, "duplicate key %s", k.Value)
			continue
		}
		if !known(k.Value) {
			add(line, "unknown key %q (known: %s)", k.Value, strings.Join(knownKeys, ", "))
			continue
		}
		vals[k.Value], lines[k.Value] = v, line
	}
	text := func(key string) string {
		v, ok := vals[key]
		if !ok {
			return ""
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			add(lines[key], "%s must be a single text value", key)
			return ""
		}
		s := strings.TrimSpace(v.Value)
		if s == "" {
			add(lines[key], "%s is empty", key)
		}
		return s
	}
	require := func(key, hint string) bool {
		if _, ok := vals[key]; !ok {
			add(2, "missing field %s%s", key, hint)
			return false
		}
		return true
	}

	if require("kind", " (training or service)") {
		switch k := text("kind"); Kind(k) {
		case Training, Service:
			a.Kind = Kind(k)
		default:
			if k != "" {
				add(lines["kind"], "unknown kind %q: use training or service", k)
			}
		}
	}
	if require("title", "") {
		a.Title = text("title")
	}
	if require("lang", " (fr or en)") {
		a.Lang = text("lang")
		if a.Lang != "" && a.Lang != "fr" && a.Lang != "en" {
			add(lines["lang"], "unknown lang %q: use fr or en", a.Lang)
		}
	}
	if v, ok := vals["rooms"]; ok {
		a.Rooms = parseRooms(v, lines["rooms"], add)
	}
	if a.Kind != "" {
		for key, kind := range onlyFor {
			if _, ok := vals[key]; ok && kind != a.Kind {
				add(lines[key], "%s is only for kind: %s", key, kind)
			}
		}
	}
	if _, ok := vals["price"]; ok {
		a.Price = text("price")
	}
	if _, ok := vals["register"]; ok {
		a.Register = text("register")
	}
	switch a.Kind {
	case Training:
		parseTrainingTimes(a, vals, lines, text, add, loc)
		if _, ok := vals["place"]; ok {
			a.Place = text("place")
		}
		if v, ok := vals["online"]; ok {
			if v.Kind != yaml.ScalarNode || (v.Value != "true" && v.Value != "false") {
				add(lines["online"], "online must be true or false")
			}
			a.Online = v.Value == "true"
		}
		if a.Place == "" && !a.Online {
			add(2, "missing field place (an address), or online: true")
		}
		require("register", " (a URL or how to register)")
		if v, ok := vals["seats"]; ok {
			n, err := strconv.Atoi(strings.TrimSpace(v.Value))
			if v.Kind != yaml.ScalarNode || err != nil || n <= 0 || n > maxSeats {
				add(lines["seats"], "seats must be a whole number from 1 to %d", maxSeats)
			}
			a.Seats = n
		}
	case Service:
		if require("opens", " (the opening date, like 2027-03-01)") {
			if s := text("opens"); s != "" {
				d, err := time.ParseInLocation("2006-01-02", s, loc)
				if err != nil {
					add(lines["opens"], "bad opens %q: write the date as YYYY-MM-DD", s)
				}
				a.Start, a.AllDay = d, true
			}
		}
		if require("url", " (the service's address)") {
			if a.URL = text("url"); a.URL != "" && !IsURL(a.URL) {
				add(lines["url"], "url %q must start with https:// or http://", a.URL)
			}
		}
	}
	if a.Body == "" {
		add(doc.BodyLine, "empty description: write it below the closing ---")
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return a, nil
}

// maxSeats bounds seats: more is a typo, not a training.
const maxSeats = 100_000

// adapterNames are the adapters a room may name (as in the config).
var adapterNames = []string{"console", "matrix", "xmpp"}

func known(key string) bool {
	for _, k := range knownKeys {
		if k == key {
			return true
		}
	}
	return false
}

func parseRooms(v *yaml.Node, line int, add func(int, string, ...any)) []Room {
	if v.Kind != yaml.SequenceNode {
		add(line, `rooms must be a list, like ["matrix:!abc:example.org", "xmpp:support@conference.example.org"]`)
		return nil
	}
	var out []Room
	for _, it := range v.Content {
		r, ok := ParseRoom(it.Value)
		if it.Kind != yaml.ScalarNode || !ok {
			add(it.Line+1, "bad room %q: write adapter:room-id, like matrix:!abc:example.org", it.Value)
			continue
		}
		if !slices.Contains(adapterNames, r.Adapter) {
			add(it.Line+1, "room %q: unknown adapter %s (known: %s)", it.Value, r.Adapter, strings.Join(adapterNames, ", "))
			continue
		}
		out = append(out, r)
	}
	if len(v.Content) == 0 {
		add(line, "rooms is an empty list: remove it to use the default announcement rooms")
	}
	return out
}

// parseTrainingTimes accepts either starts/ends (RFC 3339 with an offset) or
// date + time ("2027-03-13" and "9h30-18h", in loc).
func parseTrainingTimes(a *Announcement, vals map[string]*yaml.Node, lines map[string]int,
	text func(string) string, add func(int, string, ...any), loc *time.Location) {
	_, hasStarts := vals["starts"]
	_, hasEnds := vals["ends"]
	_, hasDate := vals["date"]
	_, hasTime := vals["time"]
	switch {
	case (hasStarts || hasEnds) && (hasDate || hasTime):
		add(max(lines["date"], lines["time"]), "write either starts/ends or date/time, not both")
		return
	case hasStarts || hasEnds:
		if !hasStarts || !hasEnds {
			add(2, "starts and ends go together (RFC 3339, like 2027-03-13T09:30:00+01:00)")
			return
		}
		var ok bool
		a.Start, ok = parseInstant(text("starts"))
		if !ok {
			add(lines["starts"], "bad starts %q: use RFC 3339 with a time zone, like 2027-03-13T09:30:00+01:00", vals["starts"].Value)
		}
		end, ok2 := parseInstant(text("ends"))
		if !ok2 {
			add(lines["ends"], "bad ends %q: use RFC 3339 with a time zone, like 2027-03-13T18:00:00+01:00", vals["ends"].Value)
		}
		a.End = end
		if ok && ok2 && !a.End.After(a.Start) {
			add(lines["ends"], "ends must come after starts")
		}
	case hasDate || hasTime:
		if !hasDate || !hasTime {
			add(2, `date and time go together, like date: 2027-03-13 and time: "9h30-18h"`)
			return
		}
		d, err := time.ParseInLocation("2006-01-02", text("date"), loc)
		if err != nil {
			add(lines["date"], "bad date %q: write it as YYYY-MM-DD", vals["date"].Value)
		}
		from, to, ok := ParseTimeRange(text("time"))
		if !ok {
			add(lines["time"], `bad time %q: write a range like "9h30-18h" or "09:30-18:00"`, vals["time"].Value)
		}
		if err == nil && ok {
			a.Start = atClock(d, from, loc)
			a.End = atClock(d, to, loc)
		}
	default:
		add(2, `missing dates: set date and time (like 2027-03-13 and "9h30-18h") or starts and ends (RFC 3339)`)
	}
}

func parseInstant(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// atClock is the instant of the day d at the wall-clock time since midnight.
func atClock(d time.Time, clock time.Duration, loc *time.Location) time.Time {
	m := int(clock / time.Minute)
	return time.Date(d.Year(), d.Month(), d.Day(), m/60, m%60, 0, 0, loc)
}

var (
	clockRE = `(\d{1,2})(?:[h:](\d{2})?)?`
	rangeRE = regexp.MustCompile(`^` + clockRE + `\s*(?:-|–|—|à|to)\s*` + clockRE + `$`)
)

// ParseTimeRange reads "9h30-18h", "9h-12h30", "09:30–18:00", "9h30 à 18h" as
// two wall-clock times (durations since midnight); the end must be later.
func ParseTimeRange(s string) (from, to time.Duration, ok bool) {
	m := rangeRE.FindStringSubmatch(strings.TrimSpace(strings.ToLower(s)))
	if m == nil {
		return 0, 0, false
	}
	from, ok1 := clock(m[1], m[2])
	to, ok2 := clock(m[3], m[4])
	return from, to, ok1 && ok2 && to > from
}

// ParseClock reads one wall-clock time: "10:00", "10h", "9h30".
func ParseClock(s string) (time.Duration, bool) {
	m := regexp.MustCompile(`^` + clockRE + `$`).FindStringSubmatch(strings.TrimSpace(strings.ToLower(s)))
	if m == nil {
		return 0, false
	}
	return clock(m[1], m[2])
}

func clock(h, m string) (time.Duration, bool) {
	hh, _ := strconv.Atoi(h)
	mm := 0
	if m != "" {
		mm, _ = strconv.Atoi(m)
	}
	if hh > 23 || mm > 59 {
		return 0, false
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
}
