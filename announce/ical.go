package announce

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Feed describes an iCalendar feed of trainings.
type Feed struct {
	Name   string // calendar name shown by clients (X-WR-CALNAME)
	Domain string // right-hand side of the UIDs: "<id>@<Domain>"
	// Labels put before the price and the registration in each
	// event's description ("Tarif : ", "Inscription : ").
	PriceLabel, RegisterLabel, OnlineLabel string
}

// WriteICS writes every training of anns as one VEVENT of an RFC 5545
// calendar: CRLF line ends, lines folded at 75 octets, TEXT values escaped,
// times in UTC. UIDs derive from the file ids, so a calendar client updates
// an event when its file changes instead of adding a second one. now is the
// DTSTAMP.
func WriteICS(w io.Writer, f Feed, anns []*Announcement, now time.Time) error {
	if f.Domain == "" {
		f.Domain = "entraide"
	}
	bw := bufio.NewWriter(w)
	put := func(name, value string) { writeFolded(bw, name+":"+value) }
	put("BEGIN", "VCALENDAR")
	put("VERSION", "2.0")
	put("PRODID", "-//entraide//announcements//EN")
	put("CALSCALE", "GREGORIAN")
	put("METHOD", "PUBLISH")
	if f.Name != "" {
		put("X-WR-CALNAME", EscapeText(f.Name))
	}
	stamp := utcStamp(now)
	var trainings []*Announcement
	for _, a := range anns {
		if a.Kind == Training {
			trainings = append(trainings, a)
		}
	}
	sortByStart(trainings)
	for _, a := range trainings {
		put("BEGIN", "VEVENT")
		put("UID", EscapeText(a.ID+"@"+f.Domain))
		put("DTSTAMP", stamp)
		put("DTSTART", utcStamp(a.Start))
		put("DTEND", utcStamp(a.End))
		put("SUMMARY", EscapeText(a.Title))
		loc := a.Place
		if loc == "" && a.Online {
			loc = strings.TrimSpace(f.OnlineLabel)
		}
		if loc != "" {
			put("LOCATION", EscapeText(loc))
		}
		var extra []string
		if a.Price != "" {
			extra = append(extra, f.PriceLabel+a.Price)
		}
		if a.Register != "" {
			extra = append(extra, f.RegisterLabel+a.Register)
		}
		desc := a.Body
		if len(extra) > 0 {
			desc += "\n\n" + strings.Join(extra, "\n")
		}
		put("DESCRIPTION", EscapeText(desc))
		if IsURL(a.Register) && plainURI(a.Register) {
			put("URL", a.Register)
		}
		put("STATUS", "CONFIRMED")
		put("END", "VEVENT")
	}
	put("END", "VCALENDAR")
	return bw.Flush()
}

// plainURI reports whether s can be written raw as a URI value: no space,
// quote or control character (a line break would start a new property).
func plainURI(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '"' })
}

func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// EscapeText escapes a TEXT value (RFC 5545 §3.3.11) and drops the control
// characters it may not hold.
func EscapeText(s string) string {
	s = textEscaper.Replace(s)
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// writeFolded writes one content line, folded so that no physical line is
// longer than 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence.
func writeFolded(w *bufio.Writer, line string) {
	const limit = 75
	room := limit
	for len(line) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.WriteString(line[:cut])
		w.WriteString("\r\n ")
		line = line[cut:]
		room = limit - 1 // the leading space counts
	}
	w.WriteString(line)
	w.WriteString("\r\n")
}
