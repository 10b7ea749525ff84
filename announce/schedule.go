package announce

import (
	"sort"
	"time"
)

// Schedule is when and where announcements are posted.
type Schedule struct {
	// Offsets: a training is announced this long before its start, once
	// per offset (default 14 days and 2 days).
	Offsets []time.Duration
	// ServiceTime: a service is announced on its opening day at this wall-
	// clock time (duration since midnight in Location; default 10:00).
	ServiceTime time.Duration
	Location    *time.Location
	// Rooms receive every announcement whose file names no room.
	Rooms []Room
	// Lease: a post claimed but not confirmed as sent after this long is
	// taken as lost (the poster crashed) and may be claimed again.
	Lease time.Duration
	// ServiceGrace: how long after its opening a missed service post is
	// still made when the bot comes back.
	ServiceGrace time.Duration
}

// Defaults of a Schedule's zero fields.
const (
	DefaultLease        = 10 * time.Minute
	DefaultServiceGrace = 7 * 24 * time.Hour
	DefaultServiceTime  = 10 * time.Hour
)

// DefaultOffsets are the training offsets when none are configured.
var DefaultOffsets = []time.Duration{14 * 24 * time.Hour, 2 * 24 * time.Hour}

func (s Schedule) withDefaults() Schedule {
	if len(s.Offsets) == 0 {
		s.Offsets = DefaultOffsets
	}
	offs := append([]time.Duration(nil), s.Offsets...)
	sort.Slice(offs, func(i, j int) bool { return offs[i] > offs[j] }) // earliest slot first
	s.Offsets = offs
	if s.ServiceTime == 0 {
		s.ServiceTime = DefaultServiceTime
	}
	if s.Location == nil {
		s.Location = time.UTC
	}
	if s.Lease <= 0 {
		s.Lease = DefaultLease
	}
	if s.ServiceGrace <= 0 {
		s.ServiceGrace = DefaultServiceGrace
	}
	return s
}

// PostKind says what a post is about.
type PostKind string

// Kinds of posts.
const (
	Announce   PostKind = "announce"   // a training before its start, a service on its opening day
	Correction PostKind = "correction" // the date or place changed after an announcement
	Cancel     PostKind = "cancel"     // the file was removed before the event
)

// State of a recorded post.
type State string

// A post is claimed (recorded, about to be sent) then sent.
const (
	Claimed State = "claimed"
	Sent    State = "sent"
)

// Record is one post as stored: claimed before it is sent, so no two
// posters ever send it both. Title, Start, End, Place and Online are a
// snapshot of what was said, for corrections and cancellations after the
// file has changed or gone.
type Record struct {
	FileID    string
	Kind      PostKind
	Offset    time.Duration // Announce: which offset (0 for a service)
	Seq       int           // Correction: 1 for the first in that room, then 2...
	Room      Room
	Hash      string // Announcement.Hash when posted
	AnnKind   Kind
	Title     string
	Lang      string
	Start     time.Time
	End       time.Time
	Place     string
	Online    bool
	State     State
	Owner     string
	ClaimedAt time.Time
	SentAt    time.Time
	MessageID string
}

// Slot is the identity of a post: at most one record per slot.
type Slot struct {
	FileID string
	Kind   PostKind
	Offset time.Duration
	Seq    int
	Room   Room
}

// Slot returns the record's identity.
func (r *Record) Slot() Slot {
	return Slot{FileID: r.FileID, Kind: r.Kind, Offset: r.Offset, Seq: r.Seq, Room: r.Room}
}

// Post is one message due now.
type Post struct {
	Slot
	At      time.Time     // when it was scheduled (a catch-up is made later)
	Ann     *Announcement // the file as it is now; nil for a Cancel
	Prev    *Record       // Correction, Cancel: the last post sent to that room
	Changed bool          // Announce: an earlier post in that room gave another date or place
}

// Record is what to store when claiming p.
func (p *Post) Record() Record {
	r := Record{FileID: p.FileID, Kind: p.Kind, Offset: p.Offset, Seq: p.Seq, Room: p.Room}
	if a := p.Ann; a != nil {
		r.Hash, r.AnnKind, r.Title, r.Lang = a.Hash(), a.Kind, a.Title, a.Lang
		r.Start, r.End, r.Place, r.Online = a.Start, a.End, a.Place, a.Online
	} else if q := p.Prev; q != nil {
		r.Hash, r.AnnKind, r.Title, r.Lang = q.Hash, q.AnnKind, q.Title, q.Lang
		r.Start, r.End, r.Place, r.Online = q.Start, q.End, q.Place, q.Online
	}
	return r
}

// Slots lists when an announcement's Announce posts are scheduled, earliest
// first, with the offset of each.
func (s Schedule) Slots(a *Announcement) []SlotTime {
	s = s.withDefaults()
	if a.Kind == Service {
		return []SlotTime{{At: atClock(a.Start, s.ServiceTime, s.Location)}}
	}
	out := make([]SlotTime, 0, len(s.Offsets))
	for _, o := range s.Offsets {
		out = append(out, SlotTime{Offset: o, At: a.Start.Add(-o)})
	}
	return out
}

// SlotTime is one scheduled Announce post.
type SlotTime struct {
	Offset time.Duration
	At     time.Time
}

// relevantUntil is when posting about a is pointless: a training's start;
// for a service, some days after its opening post.
func (s Schedule) relevantUntil(a *Announcement) time.Time {
	if a.Kind == Service {
		return atClock(a.Start, s.ServiceTime, s.Location).Add(s.ServiceGrace)
	}
	return a.Start
}

func (s Schedule) roomsOf(a *Announcement) []Room {
	if len(a.Rooms) > 0 {
		return a.Rooms
	}
	return s.Rooms
}

type fileRoom struct {
	file string
	room Room
}

// Due computes the posts to make at now, given the announcements as they
// are, and history: every stored record, oldest first. Rules:
//   - a training is announced at each offset before its start, a service on
//     its opening day; a slot already recorded (sent, or claimed less than
//     Lease ago) is never posted again;
//   - a poster that was down posts only the latest slot it missed, and
//     nothing once the training has started (a service: once ServiceGrace
//     has passed);
//   - when the date or place of an announced event changes, one correction
//     per change, if the event is still ahead;
//   - when an announced file disappears, one cancellation per room, if the
//     event was still ahead.
func (s Schedule) Due(anns []*Announcement, history []Record, now time.Time) []Post {
	s = s.withDefaults()
	hist := map[fileRoom][]*Record{}
	var order []fileRoom
	for i := range history {
		r := &history[i]
		k := fileRoom{r.FileID, r.Room}
		if _, ok := hist[k]; !ok {
			order = append(order, k)
		}
		hist[k] = append(hist[k], r)
	}
	taken := func(r *Record) bool {
		return r.State == Sent || now.Sub(r.ClaimedAt) < s.Lease
	}
	var out []Post
	current := map[string]bool{}
	for _, a := range anns {
		current[a.ID] = true
		for _, room := range s.roomsOf(a) {
			recs := hist[fileRoom{a.ID, room}]
			out = append(out, s.dueFor(a, room, recs, taken, now)...)
		}
	}
	for _, k := range order {
		if current[k.file] {
			continue
		}
		recs := hist[k]
		last := lastSent(recs)
		if last == nil || !now.Before(last.Start) {
			continue
		}
		if inFlight(recs, taken) {
			continue
		}
		if c := find(recs, Cancel, 0, 0); c != nil && taken(c) {
			continue
		}
		out = append(out, Post{Slot: Slot{FileID: k.file, Kind: Cancel, Room: k.room}, At: now, Prev: last})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		if out[i].FileID != out[j].FileID {
			return out[i].FileID < out[j].FileID
		}
		return out[i].Room.String() < out[j].Room.String()
	})
	return out
}

func (s Schedule) dueFor(a *Announcement, room Room, recs []*Record, taken func(*Record) bool, now time.Time) []Post {
	if !now.Before(s.relevantUntil(a)) {
		return nil
	}
	last := lastSent(recs)
	changed := last != nil && last.Hash != a.Hash()
	// The latest slot already reached; earlier missed slots are skipped.
	var slot *SlotTime
	for _, st := range s.Slots(a) {
		if !st.At.After(now) {
			slot = &st
		}
	}
	if slot != nil {
		if r := find(recs, Announce, slot.Offset, 0); r == nil || !taken(r) {
			// A fresh announcement carries the new date and place itself.
			return []Post{{Slot: Slot{FileID: a.ID, Kind: Announce, Offset: slot.Offset, Room: room}, At: slot.At,
				Ann: a, Prev: last, Changed: changed}}
		}
	}
	if !changed || inFlight(recs, taken) {
		return nil
	}
	seq := 1
	for _, r := range recs {
		if r.Kind == Correction && taken(r) && r.Seq >= seq {
			seq = r.Seq + 1
		}
	}
	return []Post{{Slot: Slot{FileID: a.ID, Kind: Correction, Seq: seq, Room: room}, At: now, Ann: a, Prev: last}}
}

// lastSent is the latest announcement or correction sent, or nil.
func lastSent(recs []*Record) *Record {
	for i := len(recs) - 1; i >= 0; i-- {
		if r := recs[i]; r.State == Sent && r.Kind != Cancel {
			return r
		}
	}
	return nil
}

// inFlight reports a post claimed by a live poster and not yet confirmed:
// wait for it before judging what was said.
func inFlight(recs []*Record, taken func(*Record) bool) bool {
	for _, r := range recs {
		if r.State == Claimed && taken(r) {
			return true
		}
	}
	return false
}

func find(recs []*Record, kind PostKind, offset time.Duration, seq int) *Record {
	for _, r := range recs {
		if r.Kind == kind && r.Offset == offset && r.Seq == seq {
			return r
		}
	}
	return nil
}

// Simulate lists what a poster running without a break from `from` to `to`
// would post, starting from history, each post stamped with when it would
// be made (At is the posting time here). It drives Due, so preview and
// production follow the same rules.
func (s Schedule) Simulate(anns []*Announcement, history []Record, from, to time.Time) []Post {
	s = s.withDefaults()
	times := []time.Time{from}
	for _, a := range anns {
		for _, st := range s.Slots(a) {
			if st.At.After(from) && st.At.Before(to) {
				times = append(times, st.At)
			}
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	hist := append([]Record(nil), history...)
	var out []Post
	for i, t := range times {
		if i > 0 && t.Equal(times[i-1]) {
			continue
		}
		for _, p := range s.Due(anns, hist, t) {
			rec := p.Record()
			rec.State, rec.ClaimedAt, rec.SentAt = Sent, t, t
			hist = append(hist, rec)
			p.At = t
			out = append(out, p)
		}
	}
	return out
}
