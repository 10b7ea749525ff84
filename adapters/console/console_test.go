package console_test

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"

	"codeberg.org/entraide/entraide/adapters/console"
	"codeberg.org/entraide/entraide/bot"
)

// recorder is an Inbox that answers every message with an echo through the
// adapter, like the bot does, and keeps reactions.
type recorder struct {
	a         *console.Adapter
	mu        sync.Mutex
	msgs      []bot.Message
	reactions []bot.Reaction
}

func (r *recorder) Message(ctx context.Context, m bot.Message) {
	r.mu.Lock()
	r.msgs = append(r.msgs, m)
	r.mu.Unlock()
	r.a.Send(ctx, bot.Reply{Room: m.Room, Text: "echo **" + m.Text + "**\nsecond line", InReplyTo: m.ID, Mention: &m.Sender})
}

func (r *recorder) Reaction(_ context.Context, re bot.Reaction) {
	r.mu.Lock()
	r.reactions = append(r.reactions, re)
	r.mu.Unlock()
}

func TestScriptedModeNoPromptAndExitsAtEOF(t *testing.T) {
	var out bytes.Buffer
	a := console.New(console.Options{In: strings.NewReader("salut\n/as bob\n/room mentors\n\nhello\n/react 👍\n/nope\n"), Out: &out})
	rec := &recorder{a: a}
	if err := a.Run(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	want := "[support] entraide: vous: echo salut\n    second line\n[mentors] entraide: bob: echo hello\n    second line\n"
	if !strings.HasPrefix(got, want) {
		t.Fatalf("output:\n%s\nwant prefix:\n%s", got, want)
	}
	if strings.Contains(got, "> ") {
		t.Fatal("no prompt with a pipe")
	}
	if !strings.Contains(got, "/as NAME") {
		t.Fatal("an unknown console command must print the console usage")
	}
	if len(rec.msgs) != 2 || rec.msgs[1].Sender.ID != "bob" || rec.msgs[1].Room.ID != "mentors" || rec.msgs[1].Room.Adapter != "console" {
		t.Fatalf("messages: %+v", rec.msgs)
	}
	if len(rec.reactions) != 1 || rec.reactions[0].Key != "👍" || rec.reactions[0].TargetID == "" || rec.reactions[0].Sender.ID != "bob" {
		t.Fatalf("reaction: %+v", rec.reactions)
	}
}

func TestPromptShownInInteractiveMode(t *testing.T) {
	var out bytes.Buffer
	yes := true
	a := console.New(console.Options{In: strings.NewReader("/room dm-x\n/quit\nnever read\n"), Out: &out, Prompt: &yes})
	rec := &recorder{a: a}
	if err := a.Run(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "[support] vous> ") || !strings.Contains(out.String(), "[dm-x] vous> ") {
		t.Fatalf("prompt missing: %q", out.String())
	}
	if len(rec.msgs) != 0 {
		t.Fatal("/quit must stop reading")
	}
}

func TestDirectRoomsAndReactWithoutTarget(t *testing.T) {
	var out bytes.Buffer
	a := console.New(console.Options{In: strings.NewReader("/react 👎\n/room dm-alice\nhi\n"), Out: &out})
	rec := &recorder{a: a}
	if err := a.Run(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "nothing to react to") {
		t.Fatalf("want a hint, got %q", out.String())
	}
	if len(rec.msgs) != 1 || !rec.msgs[0].Room.Direct {
		t.Fatalf("dm- rooms are direct: %+v", rec.msgs)
	}
}

func TestSendDirectGoesToTheUsersDMRoom(t *testing.T) {
	var out bytes.Buffer
	a := console.New(console.Options{BotName: "entraide", In: strings.NewReader(""), Out: &out})
	b := bot.New(bot.Options{Name: "entraide"})
	if err := b.AddAdapter(a); err != nil {
		t.Fatal(err)
	}
	if err := b.SendDirect(context.Background(), a.Name(), "mentor", "code 1234"); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "[dm-mentor] entraide: code 1234\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if err := b.SendDirect(context.Background(), "matrix", "@bob:example.org", "x"); err == nil {
		t.Fatal("an adapter the bot does not have must be an error")
	}
}
