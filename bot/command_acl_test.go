package bot_test

import (
	"context"
	"testing"

	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/bot/bottest"
)

// Who may run what: everyone the public commands, mentors the mentor
// commands, admins both and the admin commands too. Rights are per adapter:
// the same id on another network is someone else.
func TestCommandRights(t *testing.T) {
	b, fa := bottest.NewBot(t, bot.Options{Name: "entraide",
		Mentors: map[string][]string{"fake": {"bob"}, "other": {"eve"}},
		Admins:  map[string][]string{"fake": {"root"}, "other": {"bob"}}}, nil)
	ran := map[string]string{} // command -> last user it ran for
	for _, c := range []*bot.Command{
		{Names: []string{"mentorcmd"}, Help: "help.help", Mentor: true},
		{Names: []string{"admincmd"}, Help: "help.help", Admin: true},
	} {
		c.Run = func(ctx context.Context, req *bot.Request) error {
			ran[req.Command] = req.Msg.Sender.ID
			_, err := req.Reply(ctx, "ok")
			return err
		}
		b.Handle(c)
	}
	ctx := context.Background()
	for _, c := range []struct {
		user, cmd string
		allowed   bool
	}{
		{"bob", "mentorcmd", true},
		{"bob", "admincmd", false},  // a mentor is not an admin (bob is admin on "other" only)
		{"root", "mentorcmd", true}, // an admin may do what mentors do
		{"root", "admincmd", true},
		{"eve", "mentorcmd", false}, // a mentor on another adapter
		{"alice", "mentorcmd", false},
		{"alice", "admincmd", false},
	} {
		delete(ran, c.cmd)
		fa.Say(ctx, b, "dm-"+c.user, c.user, "!"+c.cmd)
		reply := fa.Last().Text
		if got := ran[c.cmd] == c.user; got != c.allowed {
			t.Errorf("%s !%s: ran %v, want %v (reply %q)", c.user, c.cmd, got, c.allowed, reply)
		}
		if !c.allowed && reply != bot.T("fr", "not_mentor", c.cmd) && reply != bot.T("fr", "not_admin", c.cmd) {
			t.Errorf("%s !%s refused without saying why: %q", c.user, c.cmd, reply)
		}
	}
}
