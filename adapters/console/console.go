package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/entraide/entraide/bot"
)

// Adapter reads lines from In and prints the bot's messages to Out as
// "[room] name: text".
type Adapter struct {
	name    string
	botName string
	in      io.Reader
	out     io.Writer
	prompt  bool

	mu     sync.Mutex
	user   string
	room   string
	seq    int
	run    string // unique to this process: ids stay unique across restarts
	lastIn map[string]string
}

// Options configure the console.
type Options struct {
	BotName string    // shown as the speaker of bot messages
	User    string    // who speaks first ("vous" by default)
	Room    string    // the first room ("support" by default)
	In      io.Reader // os.Stdin by default
	Out     io.Writer // os.Stdout by default
	// Prompt shows "[room] user> " before each line; by default only when
	// In is a terminal.
	Prompt *bool
}

// New makes a console adapter named "console".
func New(o Options) *Adapter {
	a := &Adapter{name: "console", botName: o.BotName, in: o.In, out: o.Out, user: o.User, room: o.Room, lastIn: map[string]string{},
		run: strconv.FormatInt(time.Now().UnixNano(), 36)}
	if a.botName == "" {
		a.botName = "entraide"
	}
	if a.user == "" {
		a.user = "vous"
	}
	if a.room == "" {
		a.room = "support"
	}
	if a.in == nil {
		a.in = os.Stdin
	}
	if a.out == nil {
		a.out = os.Stdout
	}
	if o.Prompt != nil {
		a.prompt = *o.Prompt
	} else if f, ok := a.in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			a.prompt = true
		}
	}
	return a
}

var _ bot.Adapter = (*Adapter)(nil)

// Name implements bot.Adapter.
func (a *Adapter) Name() string { return a.name }

// Connected implements bot.StatusReporter: a console is always there.
func (a *Adapter) Connected() bool { return true }

const usage = `console commands:
  /as NAME      speak as NAME from now on
  /room NAME    move to room NAME (a room named dm-... is a direct chat)
  /react EMOJI  react to the bot's last message in this room (👍 or 👎)
  /who          show who and where you are
  /quit         leave`

// Run reads until EOF or /quit. Each line is handled to completion before
// the next is read, so at EOF every reply has been printed.
func (a *Adapter) Run(ctx context.Context, in bot.Inbox) error {
	r := bufio.NewReader(a.in)
	lines := make(chan string)
	errc := make(chan error, 1)
	go func() {
		for {
			line, err := readLine(r, maxLine)
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				errc <- err
				close(lines)
				return
			}
			select {
			case lines <- line:
			case <-ctx.Done():
				return
			}
		}
	}()
	for {
		a.showPrompt()
		select {
		case <-ctx.Done():
			return nil
		case line, ok := <-lines:
			if !ok {
				return <-errc
			}
			if quit := a.handle(ctx, in, line); quit {
				return nil
			}
		}
	}
}

// maxLine is how much of one line is kept: a little over the bot's limit,
// so that the bot sees the line is too long and says so.
const maxLine = bot.MaxMessageBytes + 1

// readLine reads one line without its end, keeping at most max bytes of
// it and skipping the rest, so a line of any length costs at most max
// bytes. It returns io.EOF only when nothing was left to read.
func readLine(r *bufio.Reader, max int) (string, error) {
	var line []byte
	for {
		frag, err := r.ReadSlice('\n')
		if room := max - len(line); room > 0 {
			line = append(line, frag[:min(len(frag), room)]...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(line) > 0:
			return strings.TrimRight(string(line), "\r\n"), nil
		case err != nil:
			return "", err
		}
		return strings.TrimRight(string(line), "\r\n"), nil
	}
}

func (a *Adapter) showPrompt() {
	if !a.prompt {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprintf(a.out, "[%s] %s> ", a.room, a.user)
}

func (a *Adapter) handle(ctx context.Context, in bot.Inbox, line string) (quit bool) {
	line = strings.TrimSpace(line)
	if line == "" {
		return false
	}
	if strings.HasPrefix(line, "/") {
		cmd, arg, _ := strings.Cut(line, " ")
		arg = strings.TrimSpace(arg)
		a.mu.Lock()
		defer a.mu.Unlock()
		switch cmd {
		case "/as":
			if arg == "" {
				fmt.Fprintln(a.out, "usage: /as NAME")
			} else {
				a.user = arg
			}
		case "/room":
			if arg == "" {
				fmt.Fprintln(a.out, "usage: /room NAME")
			} else {
				a.room = arg
			}
		case "/who":
			fmt.Fprintf(a.out, "you are %s in [%s]\n", a.user, a.room)
		case "/react":
			if arg == "" {
				fmt.Fprintln(a.out, "usage: /react EMOJI")
				return false
			}
			target := a.lastIn[a.room]
			if target == "" {
				fmt.Fprintln(a.out, "nothing to react to in this room yet")
				return false
			}
			r := bot.Reaction{ID: a.nextID(), Room: a.roomLocked(), Sender: bot.User{ID: a.user},
				TargetID: target, Key: arg, Time: time.Now()}
			a.mu.Unlock()
			in.Reaction(ctx, r)
			a.mu.Lock()
		case "/quit", "/exit":
			return true
		default:
			fmt.Fprintln(a.out, usage)
		}
		return false
	}
	a.mu.Lock()
	m := bot.Message{ID: a.nextID(), Room: a.roomLocked(), Sender: bot.User{ID: a.user}, Text: line, Time: time.Now()}
	a.mu.Unlock()
	in.Message(ctx, m)
	return false
}

func (a *Adapter) roomLocked() bot.Room {
	return bot.Room{Adapter: a.name, ID: a.room, Name: a.room, Direct: strings.HasPrefix(a.room, "dm-")}
}

// nextID is a message id unique across runs: a restarted bot reading the
// store must not take a new message for one it handled before.
func (a *Adapter) nextID() string {
	a.seq++
	return "c" + a.run + "-" + strconv.Itoa(a.seq)
}

// Send implements bot.Adapter: it prints the reply, Markdown flattened.
func (a *Adapter) Send(_ context.Context, r bot.Reply) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	id := a.nextID()
	a.lastIn[r.Room.ID] = id
	text := bot.PlainText(r.Text)
	if r.Mention != nil {
		text = r.Mention.DisplayName() + ": " + text
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	var sb strings.Builder
	if a.prompt {
		sb.WriteString("\r")
	}
	fmt.Fprintf(&sb, "[%s] %s: %s\n", r.Room.ID, a.botName, lines[0])
	for _, l := range lines[1:] {
		sb.WriteString(strings.TrimRight("    "+l, " ") + "\n")
	}
	_, err := io.WriteString(a.out, sb.String())
	return id, err
}

// DirectRoom implements bot.DirectRoomer: the room "dm-USER", where /room
// dm-USER reads it.
func (a *Adapter) DirectRoom(_ context.Context, userID string) (bot.Room, error) {
	id := "dm-" + userID
	return bot.Room{Adapter: a.name, ID: id, Name: id, Direct: true}, nil
}
