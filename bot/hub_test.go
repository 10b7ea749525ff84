package bot_test

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
)

// twoBots is a hub serving alpha (rooms a, ma) and beta (room b, with
// mentor "bob"); each bot records the messages it receives.
func twoBots(t *testing.T) (*bot.Hub, *bottest.Adapter, map[string]*[]string) {
	t.Helper()
	fa := bottest.New("fake")
	h, got := twoBotsOn(t, fa, fa)
	return h, fa, got
}

// twoBotsOn is twoBots on adapter ad, whose rooms fa names.
func twoBotsOn(t *testing.T, fa *bottest.Adapter, ad bot.Adapter) (*bot.Hub, map[string]*[]string) {
	t.Helper()
	h := bot.NewHub("entraide", "fr", nil)
	got := map[string]*[]string{}
	for _, c := range []struct {
		name    string
		rooms   []string
		mentors []string
	}{{"alpha", []string{"a", "ma"}, nil}, {"beta", []string{"b"}, []string{"bob"}}} {
		b := bot.New(bot.Options{Mentors: map[string][]string{"fake": c.mentors}})
		seen := &[]string{}
		got[c.name] = seen
		b.Before(func(_ context.Context, req *bot.Request) bool {
			*seen = append(*seen, req.Msg.Room.ID+":"+req.Msg.Text)
			return true
		})
		var rooms []bot.Room
		for _, r := range c.rooms {
			rooms = append(rooms, fa.Room(r))
		}
		if err := h.Add(c.name, b, rooms); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.AddAdapter(ad); err != nil {
		t.Fatal(err)
	}
	return h, got
}

// memberAdapter knows who is in which room, as the XMPP and Matrix
// adapters do.
type memberAdapter struct {
	*bottest.Adapter
	in map[string]string // user → room
}

func (m memberAdapter) InRoom(_ context.Context, room, user string) bool { return m.in[user] == room }

// Someone who never spoke is served in a direct chat by the community
// whose room they are in, when the adapter can tell.
func TestHubDirectChatFollowsRoomMembership(t *testing.T) {
	fa := bottest.New("fake")
	h, got := twoBotsOn(t, fa, memberAdapter{Adapter: fa, in: map[string]string{"fred": "b"}})
	ctx := context.Background()
	h.Message(ctx, dm(fa, "fred", "une question"))
	if len(*got["beta"]) != 1 || (*got["beta"])[0] != "dm-fred:une question" || len(fa.Take()) != 0 {
		t.Fatalf("fred, in beta's room, must be served by beta without being asked: beta %v", *got["beta"])
	}
	h.Message(ctx, dm(fa, "gus", "une question"))
	if ask := fa.Take(); len(ask) != 1 || !strings.Contains(ask[0].Text, "1. alpha\n2. beta") {
		t.Fatalf("gus, in no room, must be asked: %+v", ask)
	}
}

func dm(fa *bottest.Adapter, user, text string) bot.Message {
	m := fa.Msg("dm-"+user, user, text)
	m.Room.Direct = true
	return m
}

func TestHubRoutesByRoom(t *testing.T) {
	h, fa, got := twoBots(t)
	ctx := context.Background()
	fa.Say(ctx, h, "a", "alice", "q1")
	fa.Say(ctx, h, "ma", "ann", "!tickets")
	fa.Say(ctx, h, "b", "dave", "q2")
	if a, b := strings.Join(*got["alpha"], ","), strings.Join(*got["beta"], ","); a != "a:q1,ma:!tickets" || b != "b:q2" {
		t.Fatalf("alpha got %q, beta got %q", a, b)
	}
	fa.Say(ctx, h, "zz", "eve", "bonjour ?")
	fa.Say(ctx, h, "zz", "eve", "il y a quelqu'un ?")
	sent := fa.Take()
	if len(sent) != 1 || sent[0].Room.ID != "zz" || !strings.Contains(sent[0].Text, "alpha, beta") {
		t.Fatalf("a room no community lists gets one notice naming the communities: %+v", sent)
	}
	if len(*got["alpha"])+len(*got["beta"]) != 3 {
		t.Fatal("a message from an unlisted room reached a community")
	}
	if err := h.Add("gamma", bot.New(bot.Options{}), []bot.Room{fa.Room("b")}); err == nil {
		t.Fatal("a hub with adapters must refuse a new community")
	}
}

func TestHubDirectChats(t *testing.T) {
	h, fa, got := twoBots(t)
	ctx := context.Background()
	// alice was seen in alpha only: her direct chat is alpha's
	fa.Say(ctx, h, "a", "alice", "q")
	h.Message(ctx, dm(fa, "alice", "une question"))
	if last := (*got["alpha"])[len(*got["alpha"])-1]; last != "dm-alice:une question" {
		t.Fatalf("alice's direct message went to %q", last)
	}
	// bob mentors beta: his is beta's
	h.Message(ctx, dm(fa, "bob", "!tickets"))
	if last := (*got["beta"])[len(*got["beta"])-1]; last != "dm-bob:!tickets" {
		t.Fatalf("bob's direct message went to %q", last)
	}
	// carol speaks in both: asked which, her question held until she picks
	fa.Say(ctx, h, "a", "carol", "x")
	fa.Say(ctx, h, "b", "carol", "y")
	fa.Take()
	h.Message(ctx, dm(fa, "carol", "ma question"))
	ask := fa.Take()
	if len(ask) != 1 || !strings.Contains(ask[0].Text, "1. alpha\n2. beta") {
		t.Fatalf("carol must be asked which community: %+v", ask)
	}
	nA := len(*got["alpha"])
	h.Message(ctx, dm(fa, "carol", "2"))
	if len(*got["alpha"]) != nA || (*got["beta"])[len(*got["beta"])-1] != "dm-carol:ma question" {
		t.Fatalf("carol's held question must go to beta: alpha %v, beta %v", *got["alpha"], *got["beta"])
	}
	if sent := fa.Take(); len(sent) != 1 || !strings.Contains(sent[0].Text, "beta") {
		t.Fatalf("carol's pick must be confirmed: %+v", sent)
	}
	h.Message(ctx, dm(fa, "carol", "et ensuite ?"))
	if (*got["beta"])[len(*got["beta"])-1] != "dm-carol:et ensuite ?" {
		t.Fatal("carol's next direct message must stay with beta")
	}
	// a number now answers beta (a "did you mean" list), it picks nothing
	h.Message(ctx, dm(fa, "carol", "1"))
	if (*got["beta"])[len(*got["beta"])-1] != "dm-carol:1" {
		t.Fatal("carol's \"1\" must reach beta, not switch her to alpha")
	}
	// a stranger is asked among all, and may answer with a name
	h.Message(ctx, dm(fa, "zoe", "bonjour"))
	if ask := fa.Take(); len(ask) != 1 || !strings.Contains(ask[0].Text, "1. alpha\n2. beta") {
		t.Fatalf("a stranger must be offered every community: %+v", ask)
	}
	h.Message(ctx, dm(fa, "zoe", "Alpha"))
	if (*got["alpha"])[len(*got["alpha"])-1] != "dm-zoe:bonjour" {
		t.Fatalf("zoe's held message must go to alpha: %v", *got["alpha"])
	}
}
