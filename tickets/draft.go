package tickets

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/faq"
	"gopkg.in/yaml.v3"
)

// draftMeta is the front matter of a draft entry, in the loader's key order.
type draftMeta struct {
	Lang      string   `yaml:"lang"`
	Title     string   `yaml:"title"`
	Questions []string `yaml:"questions"`
	Draft     bool     `yaml:"draft"`
}

// WriteFAQDraft writes an answered ticket as a draft FAQ entry into dir and
// returns the file's path. The id comes from the question, made unique
// against kb (may be nil) and the files already in dir. The result is
// checked with the FAQ loader's own parser before it is written.
func WriteFAQDraft(dir string, t *Ticket, kb *faq.KB) (string, error) {
	if t.Purged {
		return "", ticketErr("ticket.draft_purged", t.ID)
	}
	if strings.TrimSpace(t.Answer) == "" {
		return "", ticketErr("ticket.draft_no_answer", t.ID)
	}
	q := firstLine(t.Question)
	comment := fmt.Sprintf("# ticket #%d, answered by %s; review, then remove \"draft: true\"\n", t.ID,
		strings.Join(strings.Fields(t.Mentor.DisplayName()), " "))
	base := DraftID(q)
	if base == "" {
		base = "ticket-" + strconv.FormatInt(t.ID, 10)
	}
	return writeDraft(dir, base, kb, t.Lang, []string{q}, comment, t.Answer)
}

// WriteGroupDraft writes one draft FAQ entry for a group of similar
// questions (as the FAQ gaps report groups them): every question becomes a
// phrasing, and the answer is the latest one a mentor gave to any of them,
// or a line saying it is still to be written. Purged tickets are left out.
func WriteGroupDraft(dir string, ts []*Ticket, kb *faq.KB) (string, error) {
	var kept []*Ticket
	for _, t := range ts {
		if !t.Purged && strings.TrimSpace(t.Question) != "" {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		if len(ts) == 0 {
			return "", errors.New("no ticket to draft an entry from")
		}
		return "", ticketErr("ticket.draft_purged", ts[0].ID)
	}
	var qs, nums []string
	seen := map[string]bool{}
	var answered *Ticket
	for _, t := range kept {
		q := strings.Join(strings.Fields(firstLine(t.Question)), " ")
		if k := faq.Fold(q); !seen[k] {
			seen[k] = true
			qs = append(qs, q)
		}
		nums = append(nums, "#"+strconv.FormatInt(t.ID, 10))
		if strings.TrimSpace(t.Answer) != "" && (answered == nil || t.Updated.After(answered.Updated)) {
			answered = t
		}
	}
	lang := bot.NormLang(kept[0].Lang)
	body := bot.T(lang, "draft.answer_to_write")
	if answered != nil {
		body = answered.Answer
	}
	comment := fmt.Sprintf("# tickets %s; review, then remove \"draft: true\"\n", strings.Join(nums, " "))
	base := DraftID(qs[0])
	if base == "" {
		base = "ticket-" + strconv.FormatInt(kept[0].ID, 10)
	}
	return writeDraft(dir, base, kb, lang, qs, comment, body)
}

// writeDraft writes a draft entry under the first free id from base.
func writeDraft(dir, base string, kb *faq.KB, lang string, questions []string, comment, answer string) (string, error) {
	for i, q := range questions {
		questions[i] = strings.Join(strings.Fields(q), " ")
	}
	meta := draftMeta{Lang: bot.NormLang(lang), Title: capitalize(excerpt(questions[0], 120)),
		Questions: questions, Draft: true}
	var y strings.Builder
	enc := yaml.NewEncoder(&y)
	enc.SetIndent(2)
	if err := enc.Encode(meta); err != nil {
		return "", err
	}
	enc.Close()
	data := []byte("---\n" + comment + y.String() + "---\n" + strings.TrimSpace(answer) + "\n")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for n := 1; n < 1000; n++ {
		id := base
		if n > 1 {
			id = base + "-" + strconv.Itoa(n)
		}
		if kb != nil {
			if _, taken := kb.Get(id); taken {
				continue
			}
		}
		path := filepath.Join(dir, id+".md")
		if _, probs := faq.ParseEntry(path, id, data); len(probs) > 0 {
			return "", fmt.Errorf("draft %s would not load: %w", id, probs)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			os.Remove(path)
			return "", err
		}
		if err := f.Close(); err != nil {
			os.Remove(path)
			return "", err
		}
		return path, nil
	}
	return "", fmt.Errorf("no free file name for %s in %s", base, dir)
}

// draftStopWords are left out of ids: they make names long, not clearer.
var draftStopWords = map[string]bool{
	"le": true, "la": true, "les": true, "un": true, "une": true, "des": true, "de": true, "du": true, "d": true,
	"l": true, "je": true, "j": true, "on": true, "il": true, "elle": true, "vous": true, "nous": true, "est": true,
	"ce": true, "ai": true, "avez": true, "as": true, "c": true, "qu": true, "que": true, "qui": true, "quoi": true, "et": true, "ou": true, "a": true,
	"au": true, "aux": true, "en": true, "y": true, "pour": true, "sur": true, "avec": true, "mon": true, "ma": true,
	"mes": true, "votre": true, "vos": true, "est-ce": true, "ca": true, "se": true, "s": true, "ne": true, "pas": true,
	"the": true, "an": true, "is": true, "are": true, "i": true, "my": true, "to": true, "of": true, "do": true,
	"does": true, "can": true, "how": true, "what": true, "your": true, "you": true, "it": true, "in": true,
	"comment": true, "quel": true, "quelle": true, "quels": true, "quelles": true, "peut": true, "puis": true,
}

// DraftID derives a kebab-case id from a question: accents folded, small
// words dropped, at most six words.
func DraftID(question string) string {
	words := strings.FieldsFunc(faq.Fold(question), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') || r > unicode.MaxASCII
	})
	var keep []string
	for _, w := range words {
		if draftStopWords[w] {
			continue
		}
		keep = append(keep, w)
		if len(keep) == 6 {
			break
		}
	}
	id := strings.Join(keep, "-")
	for len(id) > 60 {
		i := strings.LastIndexByte(id, '-')
		if i < 0 {
			id = id[:60]
			break
		}
		id = id[:i]
	}
	return id
}

// capitalize upper-cases the first letter, as titles are written.
func capitalize(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}
