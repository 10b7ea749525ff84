package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
	"codeberg.org/entraide/entraide/sqlite"
	"codeberg.org/entraide/entraide/tickets"
)

// handoffRig is entraide run on a real Prosody and a real Dendrite, with
// the mentors' room on Matrix: bob is its mentor.
type handoffRig struct {
	srv      *testenv.Prosody
	d        *testenv.Dendrite
	botJID   string
	botID    id.UserID
	bob      *testenv.MatrixUser
	mentors  id.RoomID
	database string
}

func startHandoffRig(t *testing.T) *handoffRig {
	t.Helper()
	r := &handoffRig{}
	r.srv = testenv.StartProsody(t, testenv.ProsodyOptions{Users: map[string]string{"bot": "b0t-pass", "alice": "alicepass"}})
	r.d = testenv.StartDendrite(t, "bot", "bob", "alice")
	r.botJID, r.botID = r.srv.JID("bot"), id.UserID(r.d.UserID("bot"))
	r.bob = testenv.NewMatrixUser(t, r.d, "bob", false)
	resp, err := r.bob.Client.CreateRoom(context.Background(), &mautrix.ReqCreateRoom{Preset: "private_chat", Name: "mentors"})
	if err != nil {
		t.Fatal(err)
	}
	r.mentors = resp.RoomID
	entries := map[string]string{
		"permanence.md": "---\nlang: fr\ntitle: \"Horaires de la permanence\"\nquestions:\n  - \"Quels sont les horaires de la permanence ?\"\n---\nLe mercredi de 17 h à 19 h.\n",
		"mot-de-passe.md": "---\nlang: fr\ntitle: \"J'ai perdu mon mot de passe\"\nquestions:\n  - \"mot de passe oublié\"\ntags: [mot de passe, connexion]\n---\n" +
			"Cliquez sur « Mot de passe oublié ? » sur la page de connexion.\n",
	}
	cfg := fmt.Sprintf(`[bot]
faq_dir = "faq"
database = "entraide.db"
log_level = "debug"

[xmpp]
enabled = true
address = %q
jid = %q
resource = "bot"
nick = "entraide"
ca_file = %q

[matrix]
enabled = true
homeserver = %q
user_id = %q
encryption = false

[mentors]
ids = { matrix = [%q] }
room = { adapter = "matrix", id = %q }

[ratelimit]
user_per_minute = 0
room_per_minute = 0
`, r.srv.Addr, r.botJID, r.srv.CAFile, r.d.URL, r.botID, r.d.UserID("bob"), r.mentors)
	path := writeRunDir(t, entries["permanence.md"], cfg)
	testkit.WriteFile(t, filepath.Join(filepath.Dir(path), "faq", "mot-de-passe.md"), entries["mot-de-passe.md"])
	r.database = filepath.Join(filepath.Dir(path), "entraide.db")
	t.Setenv("ENTRAIDE_XMPP_PASSWORD", "b0t-pass")
	t.Setenv("ENTRAIDE_MATRIX_PASSWORD", r.d.Password("bot"))

	ctx, cancel := context.WithCancel(context.Background())
	var out, errs testkit.Buffer
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs}, []string{"run", "--config", path})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-code:
		case <-time.After(15 * time.Second):
			t.Error("entraide run did not stop")
		}
		if t.Failed() {
			t.Logf("bot log tail:\n%s", tail(errs.String(), 40))
		}
	})
	waitFor(t, "the bot to be on XMPP", func() bool { return strings.Contains(errs.String(), "xmpp: connected") })
	if _, err := r.bob.InviteUser(context.Background(), r.mentors, &mautrix.ReqInviteUser{UserID: r.botID}); err != nil {
		t.Fatal(err)
	}
	r.bob.WaitFor(t, 30*time.Second, "the bot joining the mentors' room", func(e *event.Event) bool {
		return e.RoomID == r.mentors && e.Type == event.StateMember && e.GetStateKey() == r.botID.String() &&
			e.Content.AsMember().Membership == event.MembershipJoin
	})
	return r
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// notice waits for the bot's notice of ticket n in the mentors' room and
// returns its id, the root of the ticket's thread.
func (r *handoffRig) notice(t *testing.T, n int) id.EventID {
	t.Helper()
	return r.bob.WaitFor(t, 30*time.Second, fmt.Sprintf("the notice of ticket %d", n),
		testenv.NoticesIn(r.mentors, r.botID, fmt.Sprintf("🎫 Ticket n° %d ", n))).ID
}

// threadSay posts text in the thread rooted at root.
func threadSay(t *testing.T, u *testenv.MatrixUser, room id.RoomID, root id.EventID, text string) id.EventID {
	t.Helper()
	content := &event.MessageEventContent{MsgType: event.MsgText, Body: text,
		RelatesTo: (&event.RelatesTo{}).SetThread(root, root)}
	resp, err := u.SendMessageEvent(context.Background(), room, event.EventMessage, content)
	if err != nil {
		t.Fatalf("send %q in thread: %v", text, err)
	}
	return resp.EventID
}

// inThread matches the bot's notices in room's thread root holding text.
func inThread(room id.RoomID, bot id.UserID, root id.EventID, text string) func(*event.Event) bool {
	notices := testenv.NoticesIn(room, bot, text)
	return func(e *event.Event) bool {
		return notices(e) && e.Content.AsMessage().RelatesTo.GetThreadParent() == root
	}
}

// history is ticket n's conversation as "who: text" lines, read from the
// running bot's database.
func (r *handoffRig) history(t *testing.T, n int64) (tickets.State, []string) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), r.database)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := sqlite.NewTicketStore(db)
	tk, err := store.Ticket(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := store.TicketEvents(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range tickets.Conversation(tk, evs) {
		who := "mentor"
		if s.Asker {
			who = "asker"
		}
		out = append(out, who+": "+s.Text)
	}
	return tk.State, out
}

// conversationScript is the exchange both tests play: the question, three
// answers and the asker's replies between them, the last one closing.
var conversationScript = []string{
	"asker: mon imprimante affiche une erreur E-05",
	"mentor: Avez-vous essayé de la redémarrer ?",
	"asker: oui mais ça ne change rien, toujours E-05",
	"mentor: Quel est le modèle exact ?",
	"asker: toujours pareil, et mon mot de passe oublié du nuage ne marche plus non plus",
	"mentor: Passez mercredi à la permanence avec l'imprimante.",
	"asker: merci, c'est bon",
}

func said(line string) string { _, s, _ := strings.Cut(line, ": "); return s }

// Alice asks on XMPP, bob answers from the Matrix mentors' room by replying
// in the ticket's thread, and they talk until alice says it is settled.
func TestHandoffXMPPAskerMatrixMentor(t *testing.T) {
	r := startHandoffRig(t)
	alice := testenv.ConnectXMPP(t, r.srv, "alice", "alicepass")
	alice.Chat(r.botJID, said(conversationScript[0]))
	alice.WaitBody(r.botJID, "(ticket n° 1)", 30*time.Second)
	root := r.notice(t, 1)
	for i := 1; i < len(conversationScript); i++ {
		line := conversationScript[i]
		if strings.HasPrefix(line, "mentor: ") {
			threadSay(t, r.bob, r.mentors, root, said(line))
			alice.WaitBody(r.botJID, said(line), 30*time.Second)
			continue
		}
		alice.Chat(r.botJID, said(line))
		if i == len(conversationScript)-1 {
			alice.WaitBody(r.botJID, "clos le ticket n° 1", 30*time.Second)
			r.bob.WaitFor(t, 30*time.Second, "the closing in the thread", inThread(r.mentors, r.botID, root, "✅ Ticket n° 1"))
			break
		}
		// the follow-up reaches bob in the thread, with the ticket's number,
		// and alice gets nothing from the FAQ (the password words included)
		r.bob.WaitFor(t, 30*time.Second, "alice's follow-up in the thread",
			inThread(r.mentors, r.botID, root, said(line)))
		alice.Quiet(r.botJID, 300*time.Millisecond)
	}
	state, history := r.history(t, 1)
	if state != tickets.Resolved || !slices.Equal(history, conversationScript) {
		t.Fatalf("ticket 1 is %s with history:\n%s\nwant:\n%s", state, strings.Join(history, "\n"), strings.Join(conversationScript, "\n"))
	}

	// The relay's latency, both ways, on a second ticket.
	alice.Chat(r.botJID, "le scanner ne s'allume plus du tout")
	alice.WaitBody(r.botJID, "(ticket n° 2)", 30*time.Second)
	root = r.notice(t, 2)
	var up, down []time.Duration
	for i := range 20 {
		start := time.Now()
		try := fmt.Sprintf("toujours rien, essai %02d fini", i)
		alice.Chat(r.botJID, try)
		r.bob.WaitFor(t, 30*time.Second, "a follow-up", inThread(r.mentors, r.botID, root, try))
		up = append(up, time.Since(start))
		start = time.Now()
		threadSay(t, r.bob, r.mentors, root, fmt.Sprintf("Réponse numéro %d.", i))
		alice.WaitBody(r.botJID, fmt.Sprintf("Réponse numéro %d.", i), 30*time.Second)
		down = append(down, time.Since(start))
	}
	t.Logf("relay latency, median of 20: asker on XMPP → mentors' thread on Matrix %v; mentor's thread reply → asker on XMPP %v",
		median(up), median(down))
}

// Alice asks on Matrix in a thread of the support room, a room she shares
// with bob and the bot: the conversation stays in her thread, and bob's
// side is the same.
func TestHandoffMatrixThreadAsker(t *testing.T) {
	r := startHandoffRig(t)
	alice := testenv.NewMatrixUser(t, r.d, "alice", false)
	resp, err := alice.Client.CreateRoom(context.Background(), &mautrix.ReqCreateRoom{Preset: "private_chat", Name: "support",
		Invite: []id.UserID{r.botID, r.bob.UserID}})
	if err != nil {
		t.Fatal(err)
	}
	support := resp.RoomID
	if _, err := r.bob.JoinRoomByID(context.Background(), support); err != nil {
		t.Fatal(err)
	}
	for _, who := range []id.UserID{r.botID, r.bob.UserID} {
		alice.WaitFor(t, 30*time.Second, who.String()+" joining", func(e *event.Event) bool {
			return e.RoomID == support && e.Type == event.StateMember && e.GetStateKey() == who.String() &&
				e.Content.AsMember().Membership == event.MembershipJoin
		})
	}
	// a remark the bot leaves to the people in the room, and alice's thread on it
	start := alice.Say(support, "Je reviens de la permanence, l'imprimante du local fait des siennes")
	ask := func(text string) { threadSay(t, alice, support, start, text) }
	fromBot := func(text string) func(*event.Event) bool { return inThread(support, r.botID, start, text) }
	ask(said(conversationScript[0]))
	alice.WaitFor(t, 30*time.Second, "the ticket's number in her thread", fromBot("ticket n° 1"))
	root := r.notice(t, 1)
	for i := 1; i < len(conversationScript); i++ {
		line := conversationScript[i]
		if strings.HasPrefix(line, "mentor: ") {
			threadSay(t, r.bob, r.mentors, root, said(line))
			alice.WaitFor(t, 30*time.Second, "bob's answer in her thread", fromBot(said(line)))
			continue
		}
		ask(said(line))
		if i == len(conversationScript)-1 {
			alice.WaitFor(t, 30*time.Second, "the closing", fromBot("clos le ticket n° 1"))
			break
		}
		r.bob.WaitFor(t, 30*time.Second, "alice's follow-up in the thread", inThread(r.mentors, r.botID, root, said(line)))
	}
	if faq := alice.Events(testenv.NoticesIn(support, r.botID, "Mot de passe oublié")); len(faq) > 0 {
		t.Fatalf("a follow-up was answered from the FAQ: %q", faq[0].Content.AsMessage().Body)
	}
	state, history := r.history(t, 1)
	if state != tickets.Resolved || !slices.Equal(history, conversationScript) {
		t.Fatalf("ticket 1 is %s with history:\n%s\nwant:\n%s", state, strings.Join(history, "\n"), strings.Join(conversationScript, "\n"))
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
