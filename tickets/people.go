package tickets

import (
	"strings"
	"sync"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
)

// In a room with several people, some messages are people talking to each
// other: « bob tu es dispo jeudi ? » starts with the name of someone seen in
// the room, « et le pilote est à jour ? » goes on from what another person
// just said. Neither opens a ticket nor joins the sender's ticket.

const (
	memberMemory = 24 * time.Hour  // how long a name seen in a room counts as a member's
	replyWindow  = 5 * time.Minute // how soon « et … » after another's message continues it
	maxRooms     = 10000
)

// roomPeople remembers, per room, who spoke there lately and who spoke last.
type roomPeople struct {
	mu    sync.Mutex
	rooms map[string]*roomTalk
}

type roomTalk struct {
	names      map[string]time.Time // folded display names and ids, last seen
	lastSender string
	lastAt     time.Time
}

// seen notes m's sender as a member of m's room and its latest speaker.
func (p *roomPeople) seen(m bot.Message, now time.Time) {
	if m.Room.Direct {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.rooms == nil {
		p.rooms = map[string]*roomTalk{}
	}
	r := p.rooms[m.Room.Key()]
	if r == nil {
		if len(p.rooms) >= maxRooms {
			for k, old := range p.rooms {
				if now.Sub(old.lastAt) > memberMemory {
					delete(p.rooms, k)
				}
			}
		}
		r = &roomTalk{names: map[string]time.Time{}}
		p.rooms[m.Room.Key()] = r
	}
	for _, n := range namesOf(m.Sender) {
		r.names[n] = now
	}
	if len(r.names) > 2000 {
		for n, at := range r.names {
			if now.Sub(at) > memberMemory {
				delete(r.names, n)
			}
		}
	}
	r.lastSender, r.lastAt = m.Sender.ID, now
}

// toOther reports whether m, in a shared room, is addressed to or goes on
// from another person rather than the bot. botName never counts as another.
func (p *roomPeople) toOther(m bot.Message, botName string, now time.Time) bool {
	if m.Room.Direct {
		return false
	}
	if toSomeoneElse(m.Text, botName) {
		return true
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.rooms[m.Room.Key()]
	if r == nil {
		return false
	}
	words := foldedWords(m.Text)
	if len(words) == 0 {
		return false
	}
	mine := map[string]bool{}
	for _, n := range namesOf(m.Sender) {
		mine[n] = true
	}
	first := words[0]
	if at, ok := r.names[first]; ok && !mine[first] && first != faq.Fold(botName) && now.Sub(at) <= memberMemory {
		return true // « bob tu es dispo jeudi ? »
	}
	return replyWords[first] && r.lastSender != "" && r.lastSender != m.Sender.ID && now.Sub(r.lastAt) <= replyWindow
}

// namesOf are the folded words a person may be called by: their display
// name's first word and their id's local part (« @bob:example.org » → bob).
// A name that is also a common word (« vous », « comment ») is left out: a
// message starting with it is not talk to that person.
func namesOf(u bot.User) []string {
	var out []string
	add := func(s string) {
		if w := foldedWords(s); len(w) > 0 && len(w[0]) > 2 && !commonFirstWord(w[0]) {
			out = append(out, w[0])
		}
	}
	add(u.DisplayName())
	id := strings.TrimPrefix(u.ID, "@")
	if i := strings.IndexAny(id, ":@/"); i > 0 {
		id = id[:i]
	}
	add(id)
	return out
}

func commonFirstWord(w string) bool {
	return draftStopWords[w] || questionWords[w] || continuations[w] || pronouns[w] || humanNouns[w] || humanVerbs[w]
}

// replyWords start a reply to what was just said (« et le pilote ? », « oui
// mais… »); « encore une question » starts a new one.
var replyWords = setOf(`et mais oui non si ok d alors donc ah and but yes no ok so`)

var pronouns = setOf(`moi toi lui eux elles ils nous vous tout tous bonjour salut merci svp
	hello thanks please we they he she him her them all everyone`)
