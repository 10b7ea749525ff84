package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"codeberg.org/entraide/entraide/faq"
)

// Options configure a Bot. The zero value of each field is usable.
type Options struct {
	Name        string              // how the bot calls itself ("entraide")
	Lang        string              // default language of bot messages
	RoomLang    map[string]string   // Room.Key() → language of that room
	Mentors     map[string][]string // adapter name → mentor user ids
	Admins      map[string][]string // adapter name → admin user ids
	MentorsRoom *Room               // where ticket notices go; its plain messages are not questions
	// QuestionsOnly makes the bot discreet in shared rooms: besides a
	// confident FAQ answer it only speaks (suggestions, tickets, small talk)
	// when a message is meant for it. See engage.go.
	QuestionsOnly bool
	Logger        *slog.Logger
}

// Bot routes messages from any number of adapters to commands or the FAQ.
type Bot struct {
	opts     Options
	log      *slog.Logger
	adapters map[string]Adapter
	order    []string

	commands map[string]*Command
	cmdList  []*Command

	matcher atomic.Pointer[matcherBox]

	before     []Hook
	unanswered []Hook
	unsure     []Hook
	answered   []AnswerHook
	reactions  []func(ctx context.Context, r Reaction)
	jobs       []func(ctx context.Context) error

	firstBefore int // how many hooks at the head of before came from BeforeFirst
	observers   []Observer
	fence       func() error // see Fence

	mu      sync.Mutex
	pending map[string]suggestion // "room|user" → last "did you mean" list
	engage  engagement
}

type matcherBox struct {
	m  faq.Matcher
	kb *faq.KB
}

// New makes a bot with the built-in commands (!aide/!help).
func New(opts Options) *Bot {
	if opts.Name == "" {
		opts.Name = "entraide"
	}
	if opts.Lang == "" {
		opts.Lang = "fr"
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	b := &Bot{
		opts:     opts,
		log:      opts.Logger,
		adapters: map[string]Adapter{},
		commands: map[string]*Command{},
		pending:  map[string]suggestion{},
	}
	b.registerHelp()
	return b
}

// Name is the bot's display name.
func (b *Bot) Name() string { return b.opts.Name }

// Logger is the bot's structured logger.
func (b *Bot) Logger() *slog.Logger { return b.log }

// Options returns the options the bot was built with.
func (b *Bot) Options() Options { return b.opts }

// AddAdapter registers an adapter; its Name must be unique.
func (b *Bot) AddAdapter(a Adapter) error {
	if _, dup := b.adapters[a.Name()]; dup {
		return fmt.Errorf("two adapters are named %q", a.Name())
	}
	b.adapters[a.Name()] = a
	b.order = append(b.order, a.Name())
	return nil
}

// Adapters returns the registered adapters in registration order.
func (b *Bot) Adapters() []Adapter {
	out := make([]Adapter, 0, len(b.order))
	for _, n := range b.order {
		out = append(out, b.adapters[n])
	}
	return out
}

// SetFAQ installs (or atomically replaces, on reload) the matcher and its KB.
func (b *Bot) SetFAQ(m faq.Matcher, kb *faq.KB) {
	b.matcher.Store(&matcherBox{m: m, kb: kb})
	b.mu.Lock()
	clear(b.pending) // suggestion lists point into the old KB
	b.mu.Unlock()
}

// FAQ returns the current matcher and KB (nil before SetFAQ).
func (b *Bot) FAQ() (faq.Matcher, *faq.KB) {
	box := b.matcher.Load()
	if box == nil {
		return nil, nil
	}
	return box.m, box.kb
}

// Go registers a background job started by Run with the bot's context
// (reminders, schedulers, reloaders). A job returning an error stops the bot.
func (b *Bot) Go(job func(ctx context.Context) error) { b.jobs = append(b.jobs, job) }

// Fence makes every send ask may first, and refuse when it returns an
// error: an instance that lost its leader lease must never talk again.
func (b *Bot) Fence(may func() error) { b.fence = may }

func (b *Bot) fenced() error {
	if b.fence == nil {
		return nil
	}
	return b.fence()
}

// Send posts r through the adapter named in r.Room.Adapter.
func (b *Bot) Send(ctx context.Context, r Reply) (string, error) {
	if err := b.fenced(); err != nil {
		return "", err
	}
	a, ok := b.adapters[r.Room.Adapter]
	if !ok {
		return "", fmt.Errorf("no adapter named %q for room %s", r.Room.Adapter, r.Room.ID)
	}
	if r.Mention != nil {
		// whoever the bot addresses may answer back without a question mark
		b.engage.replied(r.Room.Key()+"|"+r.Mention.ID, r.lang, time.Now())
	}
	return a.Send(ctx, r)
}

// SendDirect posts text to userID in a direct conversation on the named
// adapter, which must implement DirectRoomer.
func (b *Bot) SendDirect(ctx context.Context, adapter, userID, text string) error {
	a, ok := b.adapters[adapter]
	if !ok {
		return fmt.Errorf("no adapter named %q", adapter)
	}
	d, ok := a.(DirectRoomer)
	if !ok {
		return fmt.Errorf("adapter %q cannot send direct messages", adapter)
	}
	room, err := d.DirectRoom(ctx, userID)
	if err != nil {
		return err
	}
	if err := b.fenced(); err != nil {
		return err
	}
	_, err = a.Send(ctx, Reply{Room: room, Text: text})
	return err
}

// IsMentor reports whether u, on the adapter, is a mentor from config.
func (b *Bot) IsMentor(adapter string, u User) bool {
	return listed(b.opts.Mentors[adapter], u.ID) || b.IsAdmin(adapter, u)
}

// IsAdmin reports whether u, on the adapter, is an admin from config.
func (b *Bot) IsAdmin(adapter string, u User) bool { return listed(b.opts.Admins[adapter], u.ID) }

func listed(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// IsMentorsRoom reports whether r is the configured mentors' room.
func (b *Bot) IsMentorsRoom(r Room) bool {
	mr := b.opts.MentorsRoom
	return mr != nil && mr.Adapter == r.Adapter && mr.ID == r.ID
}

// RoomLang is the configured language of a room, or the bot's default.
func (b *Bot) RoomLang(r Room) string {
	if l, ok := b.opts.RoomLang[r.Key()]; ok {
		return l
	}
	return b.opts.Lang
}

// Run starts every adapter and background job and blocks until all adapters
// have returned (the console at EOF) or one fails, or ctx is done.
func (b *Bot) Run(ctx context.Context) error { return run(ctx, b, b.Adapters(), b.jobs) }

// run starts adapters, delivering to in, and jobs; it blocks until every
// adapter has returned or one fails, or ctx is done, then stops the jobs.
func run(ctx context.Context, in Inbox, adapters []Adapter, jobList []func(context.Context) error) error {
	if len(adapters) == 0 {
		return errors.New("no adapter configured")
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(adapters)+len(jobList))
	var jobs sync.WaitGroup
	for _, job := range jobList {
		jobs.Add(1)
		go func() {
			defer jobs.Done()
			if err := job(ctx); err != nil && ctx.Err() == nil {
				errs <- err
			}
		}()
	}
	var running sync.WaitGroup
	for _, a := range adapters {
		running.Add(1)
		go func() {
			defer running.Done()
			if err := a.Run(ctx, in); err != nil && ctx.Err() == nil {
				errs <- fmt.Errorf("%s: %w", a.Name(), err)
			}
		}()
	}
	done := make(chan struct{})
	go func() { running.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case err = <-errs:
		cancel()
		<-done
	case <-ctx.Done():
		<-done
	}
	cancel()
	jobs.Wait()
	return err
}
