package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
)

// Two communities on the real servers: alpha's members talk in an XMPP
// room, beta's in a Matrix room; each has its own mentors' room on XMPP and
// its own FAQ, where the same question has a different answer.

const permanenceQ = "Quels sont les horaires de la permanence ?"

// twoCommunities is a running bot serving alpha and beta.
type twoCommunities struct {
	dir            string // config folder: alpha/faq, beta/faq...
	xmpp           *testenv.Prosody
	alice, ann     *testenv.XMPPUser // alpha's member and mentor
	bea            *testenv.XMPPUser // beta's mentor
	dave           *testenv.MatrixUser
	aRoom          string // alpha's members' room (XMPP)
	aMentors       string // alpha's mentors' room (XMPP)
	bMentors       string // beta's mentors' room (XMPP)
	bRoom          id.RoomID
	botMatrix      id.UserID
	stderr, stdout *testkit.Buffer
}

// alphaAnswer and betaAnswer are the communities' answers to permanenceQ,
// with a version so a reload shows.
func alphaAnswer(v int) string { return fmt.Sprintf("Alpha v%d : le mercredi de 17 h à 19 h.", v) }
func betaAnswer(v int) string  { return fmt.Sprintf("Beta v%d : le samedi matin.", v) }

func (c *twoCommunities) writeFAQ(t *testing.T, community string, v int) {
	t.Helper()
	body := alphaAnswer(v)
	if community == "beta" {
		body = betaAnswer(v)
	}
	testkit.WriteFile(t, filepath.Join(c.dir, community, "faq", "horaires.md"),
		entryFile("fr", "Horaires de la permanence", permanenceQ, body))
}

func startTwoCommunities(t *testing.T) *twoCommunities {
	t.Helper()
	c := &twoCommunities{dir: t.TempDir(), stderr: &testkit.Buffer{}, stdout: &testkit.Buffer{}}
	c.xmpp = testenv.StartProsody(t, testenv.ProsodyOptions{Users: map[string]string{"bot": "b0t-pass",
		"alice": "alicepass", "ann": "annpass", "bea": "beapass", "eve": "evepass"}})
	d := testenv.StartDendrite(t, "bot", "dave")
	c.botMatrix = id.UserID(d.UserID("bot"))
	c.dave = testenv.NewMatrixUser(t, d, "dave", false)
	c.bRoom = c.dave.CreateRoom("beta", false) // the bot is invited once it runs
	c.aRoom, c.aMentors, c.bMentors = c.xmpp.Room("alpha"), c.xmpp.Room("alpha-mentors"), c.xmpp.Room("beta-mentors")
	c.writeFAQ(t, "alpha", 1)
	c.writeFAQ(t, "beta", 1)
	path := filepath.Join(c.dir, "entraide.toml")
	testkit.WriteFile(t, path, fmt.Sprintf(`[bot]
database = "entraide.db"
log_level = "debug"

[ratelimit]
user_per_minute = 0
room_per_minute = 0

[reload]
watch = true
debounce = "200ms"

%s

[[communities]]
name = "alpha"
rooms = [ { adapter = "xmpp", id = %q } ]
mentors = { xmpp = ["ann@%s"] }
mentors_room = { adapter = "xmpp", id = %q }

[[communities]]
name = "beta"
rooms = [ { adapter = "matrix", id = %q } ]
mentors = { xmpp = ["bea@%s"] }
mentors_room = { adapter = "xmpp", id = %q }
`, adaptersTOML(c.xmpp, d, false), c.aRoom, c.xmpp.Domain, c.aMentors,
		string(c.bRoom), c.xmpp.Domain, c.bMentors))
	t.Setenv("ENTRAIDE_XMPP_PASSWORD", "b0t-pass")
	t.Setenv("ENTRAIDE_MATRIX_PASSWORD", d.Password("bot"))

	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, &env{stdin: strings.NewReader(""), stdout: c.stdout, stderr: c.stderr}, []string{"run", "--config", path})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case n := <-code:
			if n != 0 {
				t.Errorf("exit %d:\n%s", n, c.stderr.String())
			}
		case <-time.After(15 * time.Second):
			t.Error("entraide run did not stop")
		}
	})
	if !testkit.Poll(20*time.Second, func() bool { return strings.Count(c.stderr.String(), "xmpp: joined room") == 3 }) {
		t.Fatalf("the bot did not join its three XMPP rooms:\n%s", c.stderr.String())
	}
	if _, err := c.dave.Client.InviteUser(context.Background(), c.bRoom, &mautrix.ReqInviteUser{UserID: c.botMatrix}); err != nil {
		t.Fatal(err)
	}
	c.dave.WaitFor(t, 20*time.Second, "the bot joining beta's room", func(e *event.Event) bool {
		return e.RoomID == c.bRoom && e.Type == event.StateMember && e.GetStateKey() == c.botMatrix.String() &&
			e.Content.AsMember().Membership == event.MembershipJoin
	})
	c.alice = testenv.ConnectXMPP(t, c.xmpp, "alice", "alicepass")
	c.alice.Join(c.aRoom)
	c.ann = testenv.ConnectXMPP(t, c.xmpp, "ann", "annpass")
	c.ann.Join(c.aMentors)
	c.bea = testenv.ConnectXMPP(t, c.xmpp, "bea", "beapass")
	c.bea.Join(c.aMentors)
	c.bea.Join(c.bMentors)
	return c
}

// daveHears waits for the bot's notice in beta's room containing text.
func (c *twoCommunities) daveHears(t *testing.T, text string) {
	t.Helper()
	c.dave.WaitFor(t, 20*time.Second, fmt.Sprintf("%q from the bot", text), testenv.NoticesIn(c.bRoom, c.botMatrix, text))
}

// The isolation the issue asks for: the same question gets each
// community's own answer, unknown questions become ticket 1 of each, and
// beta's mentor can neither see nor act on alpha's tickets, while she
// answers her own across adapters.
func TestCommunitiesIsolatedOnXMPPAndMatrix(t *testing.T) {
	c := startTwoCommunities(t)
	bot := func(room string) string { return room + "/entraide" }

	c.alice.Say(c.aRoom, permanenceQ)
	if got := c.alice.Next(bot(c.aRoom), 10*time.Second).Body; got != "alice: "+alphaAnswer(1) {
		t.Fatalf("alpha's answer = %q", got)
	}
	c.dave.Say(c.bRoom, permanenceQ)
	c.daveHears(t, betaAnswer(1))
	if n := len(c.dave.Events(testenv.NoticesIn(c.bRoom, c.botMatrix, "Alpha"))); n != 0 {
		t.Fatalf("beta's room got %d answers from alpha's FAQ", n)
	}

	c.alice.Say(c.aRoom, "Comment réparer le dérailleur d'un vélo cargo ?")
	if got := c.alice.Next(bot(c.aRoom), 10*time.Second).Body; !strings.Contains(got, "ticket n° 1)") {
		t.Fatalf("alpha's first ticket: %q", got)
	}
	c.ann.WaitBody(bot(c.aMentors), "dérailleur", 10*time.Second)
	c.dave.Say(c.bRoom, "Où trouver des graines de tomates anciennes ?")
	c.daveHears(t, "ticket n° 1)")
	c.bea.WaitBody(bot(c.bMentors), "graines", 10*time.Second)

	// beta's mentor in alpha's mentors' room: not one of its mentors
	c.bea.Say(c.aMentors, "!prendre 1")
	c.bea.WaitBody(bot(c.aMentors), "réservée aux bénévoles mentors", 10*time.Second)
	c.bea.Say(c.aMentors, "!tickets")
	c.bea.WaitBody(bot(c.aMentors), "réservée aux bénévoles mentors", 10*time.Second)
	// in her own room, "1" is beta's ticket, and !tickets shows only it
	c.bea.Say(c.bMentors, "!tickets")
	list := c.bea.WaitBody(bot(c.bMentors), "Tickets en attente", 10*time.Second).Body
	if !strings.Contains(list, "graines") || strings.Contains(list, "dérailleur") {
		t.Fatalf("beta's !tickets:\n%s", list)
	}
	c.bea.Say(c.bMentors, "!repondre 1 Au jardin partagé, le samedi.")
	c.daveHears(t, "Au jardin partagé, le samedi.")
	c.ann.Say(c.aMentors, "!ticket 1")
	if got := c.ann.WaitBody(bot(c.aMentors), "n° 1", 10*time.Second).Body; !strings.Contains(got, "dérailleur") ||
		strings.Contains(got, "jardin partagé") {
		t.Fatalf("alpha's ticket 1 must be alice's, untouched by beta's answer:\n%s", got)
	}

	// eve is in alpha's room and never spoke there: her direct chat is
	// alpha's, by the room she shares with the bot
	eve := testenv.ConnectXMPP(t, c.xmpp, "eve", "evepass")
	eve.Join(c.aRoom)
	time.Sleep(500 * time.Millisecond) // her presence reaching the bot's connection too
	eve.Chat(c.xmpp.JID("bot"), permanenceQ)
	if got := eve.Next(c.xmpp.JID("bot"), 10*time.Second).Body; got != alphaAnswer(1) {
		t.Fatalf("eve's direct chat must be answered from alpha's FAQ, got %q", got)
	}

	// the ticket numbers on the command line, per community
	for name, want := range map[string]string{"alpha": "dérailleur", "beta": "graines"} {
		out, errs, code := runCLI(t, "", "tickets", "list", "--config", filepath.Join(c.dir, "entraide.toml"), "--community", name)
		if code != 0 || !strings.Contains(out, "#1 ") || !strings.Contains(out, want) || strings.Count(out, "\n") != 1 {
			t.Errorf("tickets list --community %s: exit %d\n%s%s", name, code, out, errs)
		}
	}
}

// A broken file in alpha's FAQ: alpha keeps its last good FAQ and its
// mentors are told; beta keeps answering and reloads its own edits.
func TestBrokenFAQInOneCommunity(t *testing.T) {
	c := startTwoCommunities(t)
	bot := func(room string) string { return room + "/entraide" }
	testkit.WriteFile(t, filepath.Join(c.dir, "alpha", "faq", "casse.md"), "---\nlang: fr\ntitle: \"sans fin\n")
	c.ann.WaitBody(bot(c.aMentors), "casse.md", 10*time.Second)
	c.alice.Say(c.aRoom, permanenceQ)
	if got := c.alice.Next(bot(c.aRoom), 10*time.Second).Body; got != "alice: "+alphaAnswer(1) {
		t.Fatalf("alpha must answer from its last good FAQ, got %q", got)
	}
	c.writeFAQ(t, "beta", 2)
	if !testkit.Poll(10*time.Second, func() bool {
		return strings.Contains(c.stderr.String(), "community=beta") && strings.Contains(c.stderr.String(), "reloaded")
	}) {
		t.Fatalf("beta did not reload:\n%s", c.stderr.String())
	}
	c.dave.Say(c.bRoom, permanenceQ)
	c.daveHears(t, betaAnswer(2))
	if got := c.bea.Collect(bot(c.bMentors), time.Second); len(got) != 0 {
		t.Fatalf("beta's mentors were told of alpha's problem: %q", got)
	}
}

// Twenty questions a second across both communities while both FAQs are
// rewritten and reloaded: every question is answered, each from its own
// community's FAQ (whichever version), none from the other's.
func TestReloadUnderLoadAcrossCommunities(t *testing.T) {
	c := startTwoCommunities(t)
	const perSide, rate = 50, 20 // 100 questions at 20 a second
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // rewrite both FAQs every 400 ms while the questions flow
		defer wg.Done()
		for v := 2; v <= 12; v++ {
			time.Sleep(400 * time.Millisecond)
			c.writeFAQ(t, "alpha", v)
			c.writeFAQ(t, "beta", v)
		}
	}()
	tick := time.NewTicker(time.Second / rate)
	for i := range 2 * perSide {
		<-tick.C
		if i%2 == 0 {
			c.alice.Say(c.aRoom, permanenceQ)
		} else {
			c.dave.Say(c.bRoom, permanenceQ)
		}
	}
	tick.Stop()
	wg.Wait()

	var alpha []string
	for len(alpha) < perSide {
		m := c.alice.Next(c.aRoom+"/entraide", 20*time.Second)
		alpha = append(alpha, m.Body)
	}
	for _, a := range alpha {
		if !strings.HasPrefix(a, "alice: Alpha v") {
			t.Errorf("alpha's room got %q", a)
		}
	}
	if !testkit.Poll(20*time.Second, func() bool {
		return len(c.dave.Events(testenv.NoticesIn(c.bRoom, c.botMatrix, ""))) >= perSide
	}) {
		t.Fatalf("beta's room got %d answers of %d", len(c.dave.Events(testenv.NoticesIn(c.bRoom, c.botMatrix, ""))), perSide)
	}
	for _, e := range c.dave.Events(testenv.NoticesIn(c.bRoom, c.botMatrix, "")) {
		if b := e.Content.AsMessage().Body; !strings.Contains(b, "Beta v") {
			t.Errorf("beta's room got %q", b)
		}
	}
	if n := strings.Count(c.stderr.String(), "msg=reloaded"); n < 4 {
		t.Errorf("only %d reloads happened during the load", n)
	}
	if extra := c.alice.Collect(c.aRoom+"/entraide", time.Second); len(extra) != 0 {
		t.Errorf("alpha's room got %d answers more than questions", len(extra))
	}
}
