package bot

import (
	"context"
	"errors"
	"strings"
)

// Command is a "!word args" command.
type Command struct {
	Names  []string // first is canonical ("aide"), others are aliases ("help")
	Args   string   // argument synopsis for the help, e.g. "N texte"
	Help   string   // catalogue key of the one-line description
	Mentor bool     // mentors (and admins) only
	Admin  bool     // admins only
	Run    func(ctx context.Context, req *Request) error
}

// UsageError makes the router answer with the command's usage line.
type UsageError struct{ Reason string }

func (e *UsageError) Error() string { return "usage: " + e.Reason }

// ErrUsage is a UsageError without further reason.
var ErrUsage = &UsageError{}

// Handle registers a command under all its names. Later registrations of the
// same name replace earlier ones, so features can override a stub.
func (b *Bot) Handle(c *Command) {
	for _, n := range c.Names {
		b.commands[strings.ToLower(n)] = c
	}
	for i, old := range b.cmdList {
		if old.Names[0] == c.Names[0] {
			b.cmdList[i] = c
			return
		}
	}
	b.cmdList = append(b.cmdList, c)
}

// Commands lists registered commands in registration order.
func (b *Bot) Commands() []*Command { return append([]*Command(nil), b.cmdList...) }

// parseCommand splits "!Claim 3 foo" into ("claim", "3 foo").
func parseCommand(text string) (name, args string, ok bool) {
	text = strings.TrimSpace(text)
	if len(text) < 2 || text[0] != '!' {
		return "", "", false
	}
	word, rest, _ := strings.Cut(text[1:], " ")
	if i := strings.IndexAny(word, "\n\t"); i >= 0 {
		rest = word[i+1:] + " " + rest
		word = word[:i]
	}
	if word == "" {
		return "", "", false
	}
	return strings.ToLower(word), strings.TrimSpace(rest), true
}

func (b *Bot) runCommand(ctx context.Context, req *Request, name string) {
	c, ok := b.commands[name]
	if !ok {
		b.reply(ctx, req, req.T("unknown_cmd", EchoArg(name)))
		return
	}
	req.Command = c.Names[0]
	// The mentors' room keeps the team's language whatever alias is typed.
	if b.explicitLang(req.Msg) == "" && !b.IsMentorsRoom(req.Msg.Room) {
		if l := aliasLang(c, name); l != "" {
			req.Lang = l
		}
	}
	if c.Admin && !req.IsAdmin() {
		b.reply(ctx, req, req.T("not_admin", name))
		return
	}
	if c.Mentor && !req.IsMentor() {
		b.reply(ctx, req, req.T("not_mentor", name))
		return
	}
	err := c.Run(ctx, req)
	var ue *UsageError
	switch {
	case err == nil:
	case errors.As(err, &ue):
		msg := req.T("usage", strings.TrimSpace("!"+name+" "+argsText(req.Lang, c.Args)))
		if ue.Reason != "" {
			msg = ue.Reason + "\n" + msg
		}
		b.reply(ctx, req, msg)
	default:
		b.log.Error("command failed", "command", name, "room", req.Msg.Room.Key(), "err", err)
		b.reply(ctx, req, req.T("cmd_error"))
	}
}

func (b *Bot) registerHelp() {
	b.Handle(&Command{
		Names: []string{"aide", "help"},
		Help:  "help.aide",
		Run: func(ctx context.Context, req *Request) error {
			text := b.helpText(req)
			if name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(req.Args), "!")); name != "" {
				text = b.helpOne(req, name)
			}
			_, err := req.Reply(ctx, text)
			return err
		},
	})
}

// helpOne answers "!help claim": that command's synopsis and description.
func (b *Bot) helpOne(req *Request, name string) string {
	c, ok := b.commands[name]
	if !ok {
		return req.T("unknown_cmd", EchoArg(name))
	}
	return strings.TrimSpace("!"+name+" "+argsText(req.Lang, c.Args)) + " — " + req.T(c.Help)
}

// aliasLang tells the language of the name a command was typed with: by
// convention Names[1] is the English alias and the others are French.
func aliasLang(c *Command, typed string) string {
	if len(c.Names) < 2 {
		return ""
	}
	if strings.EqualFold(typed, c.Names[1]) {
		return "en"
	}
	return "fr"
}

// argsText translates an argument synopsis ("N texte") when the catalogue
// has it under "args.<synopsis>"; "N" and the like stay as they are.
func argsText(lang, args string) string {
	if args == "" {
		return ""
	}
	if t := T(lang, "args."+args); t != "args."+args {
		return t
	}
	return args
}

func (b *Bot) helpText(req *Request) string {
	var sb, mentor strings.Builder
	sb.WriteString(req.T("help_header"))
	mentorLines := 0
	for _, c := range b.cmdList {
		if c.Admin && !req.IsAdmin() {
			continue
		}
		name := c.Names[0]
		if req.Lang == "en" && len(c.Names) > 1 {
			name = c.Names[1] // English alias first for English speakers
		}
		line := "\n- !" + name
		if c.Args != "" {
			line += " " + argsText(req.Lang, c.Args)
		}
		line += " — " + req.T(c.Help)
		if c.Mentor || c.Admin {
			if req.IsMentor() {
				mentor.WriteString(line)
				mentorLines++
			}
			continue
		}
		sb.WriteString(line)
	}
	if mentorLines > 0 {
		sb.WriteString("\n" + req.T("mentor_section") + mentor.String())
	}
	sb.WriteString("\n" + req.T("help_footer"))
	return sb.String()
}

// IsCommand reports whether text is a "!word" command.
func IsCommand(text string) bool {
	_, _, ok := parseCommand(text)
	return ok
}
