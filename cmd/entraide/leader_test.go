package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/adapters/matrix"
	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
)

// anyTicketAck finds a ticket's number in its acknowledgement, in French
// or English.
var anyTicketAck = regexp.MustCompile(`\(ticket (?:n° |#)(\d+)\)`)

var kills = flag.Int("kills", 1, "how many times TestTwoInstancesLeaderKilled kills the leader")

// instance is one "entraide run" process of a pair sharing a database.
type instance struct {
	name   string
	config string
	addr   string // bot.listen
	env    []string
	cmd    *exec.Cmd
	logs   *testkit.Buffer
}

func (in *instance) start(t *testing.T) {
	t.Helper()
	in.logs = &testkit.Buffer{}
	in.cmd = exec.Command(testBinary(t), "run", "--config", in.config)
	in.cmd.Env = in.env
	in.cmd.Stderr = in.logs
	if err := in.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmd, logs := in.cmd, in.logs
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			lines := strings.Split(logs.String(), "\n")
			t.Logf("log of instance %s (pid %d), last lines:\n%s", in.name, cmd.Process.Pid,
				strings.Join(lines[max(0, len(lines)-80):], "\n"))
		}
	})
}

func (in *instance) kill() {
	in.cmd.Process.Signal(syscall.SIGKILL)
	in.cmd.Wait()
}

func (in *instance) get(path string) (int, string) {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + in.addr + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// leading reads entraide_leader from /metrics: 1, 0, or -1 when unknown.
func (in *instance) leading() int {
	code, body := in.get("/metrics")
	if code != 200 {
		return -1
	}
	for _, l := range strings.Split(body, "\n") {
		if v, ok := strings.CutPrefix(l, "entraide_leader "); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return -1
}

// pairOnPostgres writes two configs that share one Postgres database and
// the given adapter sections, each with its own HTTP address.
func pairOnPostgres(t *testing.T, pg *testenv.Postgres, adapters string, env ...string) ([2]*instance, string) {
	t.Helper()
	entry := "---\nlang: fr\ntitle: \"Horaires de la permanence\"\nquestions:\n  - \"Quels sont les horaires de la permanence ?\"\n---\nLe mercredi de 17 h à 19 h.\n"
	db := pg.NewDatabase()
	url := pg.URL(db)
	var out [2]*instance
	for i, name := range []string{"A", "B"} {
		addr := testenv.FreeLoopbackAddr(t)
		cfg := fmt.Sprintf("[bot]\nfaq_dir = \"faq\"\ndatabase = %q\nlisten = %q\nlog_level = \"debug\"\n\n"+
			"[ratelimit]\nuser_per_minute = 0\nroom_per_minute = 0\n\n[reload]\nwatch = false\n\n%s", url, addr, adapters)
		out[i] = &instance{name: name, config: writeRunDir(t, entry, cfg), addr: addr,
			env: append(os.Environ(), append([]string{"ENTRAIDE_DATABASE_PASSWORD=" + pg.Password}, env...)...)}
	}
	return out, db
}

// waitRole waits until in serves /healthz as the leader ("ok") or as a
// standby.
func waitRole(t *testing.T, in *instance, standby bool, timeout time.Duration) {
	t.Helper()
	ok := testkit.Poll(timeout, func() bool {
		code, body := in.get("/healthz")
		if standby {
			return code == 200 && strings.HasPrefix(body, "standby") && in.leading() == 0
		}
		return code == 200 && strings.HasPrefix(body, "ok") && in.leading() == 1
	})
	if !ok {
		code, body := in.get("/healthz")
		t.Fatalf("instance %s is not %s (healthz %d %q, leader %d):\n%s", in.name, map[bool]string{true: "on standby", false: "leading"}[standby],
			code, body, in.leading(), in.logs.String())
	}
}

// TestTwoInstancesLeaderKilled runs two "entraide run" on one Postgres
// against real Prosody and Dendrite. 80 questions over XMPP 1:1 (alice's,
// and one per member for those that become tickets) and 20 in an encrypted
// Matrix room, one after the other; the leader is killed with SIGKILL in
// the middle (with -kills N, N times, the killed one coming back as the
// standby). The standby takes over, as the same Matrix device; every
// acknowledged ticket is stored, nothing is answered twice, nothing is
// left unanswered. The takeover times are printed.
func TestTwoInstancesLeaderKilled(t *testing.T) {
	t.Parallel()
	if !matrix.EncryptionAvailable {
		if os.Getenv(testenv.EnvIntegration) == "" {
			t.Skip("needs -tags goolm")
		}
		t.Fatal("needs -tags goolm (scripts/test sets it)")
	}
	pg := testenv.StartPostgres(t)
	const xmppTotal, matrixTotal = 80, 20
	users := map[string]string{"bot": "b0t-pass", "alice": "alicepass"}
	for k := range xmppTotal / 2 {
		users[fmt.Sprintf("member%d", k)] = "memberpass"
	}
	srv := testenv.StartProsody(t, testenv.ProsodyOptions{Users: users})
	d := testenv.StartDendrite(t, "bot", "alice")
	adapters := adaptersTOML(srv, d, true)
	pair, db := pairOnPostgres(t, pg, adapters, "ENTRAIDE_XMPP_PASSWORD=b0t-pass",
		"ENTRAIDE_MATRIX_PASSWORD="+d.Password("bot"), "ENTRAIDE_MATRIX_PICKLE_KEY=pickle-key-for-both")
	leader, standby := pair[0], pair[1]
	leader.start(t)
	waitRole(t, leader, false, 60*time.Second)
	standby.start(t)
	waitRole(t, standby, true, 30*time.Second)

	botJID, botID := srv.JID("bot"), id.UserID(d.UserID("bot"))
	// Alice asks the questions the FAQ answers; each question that becomes
	// a ticket comes from a member of its own, since an asker's next words
	// would join their open ticket instead of opening another.
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	var members []*testenv.XMPPUser
	for k := range xmppTotal / 2 {
		members = append(members, testenv.ConnectXMPP(t, srv, fmt.Sprintf("member%d", k), "memberpass"))
	}
	malice := testenv.NewMatrixUser(t, d, "alice", true)
	room := malice.CreateRoom("support", true, botID)

	question := func(proto string, i int) string {
		if i%2 == 0 {
			return fmt.Sprintf("mon xylophone %s zorglub %d ne marche plus, que faire ?", proto, i)
		}
		return "Quels sont les horaires de la permanence ?"
	}
	// The steps, in order. In the Matrix room the first question becomes a
	// ticket and the others are answered from the FAQ.
	type step struct {
		matrix bool
		who    *testenv.XMPPUser
		text   string
	}
	var steps []step
	for i := range xmppTotal {
		who := alice
		if i%2 == 0 {
			who = members[i/2]
		}
		steps = append(steps, step{false, who, question("xmpp", i)})
		if i%(xmppTotal/matrixTotal) == 0 {
			steps = append(steps, step{true, nil, question("matrix", min(1, i/(xmppTotal/matrixTotal)))})
		}
	}
	n := max(*kills, 1)
	killAt := map[int]bool{}
	for k := range n {
		killAt[(k+1)*len(steps)/(n+1)] = true
	}
	acked := map[int64]string{}
	asked := map[string]bool{}
	var mq []id.EventID
	var takeovers []time.Duration
	var killed time.Time
	// exchange sends text and returns the bot's answer.
	exchange := func(st step, timeout time.Duration) string {
		t.Helper()
		if !st.matrix {
			st.who.Chat(botJID, st.text)
			return st.who.Next(botJID, timeout).Body
		}
		ev := malice.Say(room, st.text)
		mq = append(mq, ev)
		r := malice.WaitFor(t, timeout, "answer to "+st.text, func(e *event.Event) bool {
			return testenv.IsReplyTo(room, botID, ev)(e) && e.Mautrix.EventSource&event.SourceDecrypted != 0
		})
		return r.Content.AsMessage().Body
	}
	for k, st := range steps {
		timeout := 30 * time.Second
		if killAt[k] {
			gone := strings.Count(srv.Log(), "Client disconnected")
			leader.kill() // SIGKILL between two exchanges, mid-burst
			killed = time.Now()
			timeout = 60 * time.Second
			// Without stream management (XEP-0198) a 1:1 message the
			// server hands to the dead connection before it notices is
			// lost: the next XMPP question waits for that moment.
			if !st.matrix && !testkit.Poll(10*time.Second, func() bool { return strings.Count(srv.Log(), "Client disconnected") > gone }) {
				t.Fatal("Prosody did not notice the killed leader")
			}
		}
		asked[st.text] = true
		r := exchange(st, timeout)
		if !killed.IsZero() {
			took := time.Since(killed)
			takeovers = append(takeovers, took)
			killed = time.Time{}
			waitRole(t, standby, false, 10*time.Second)
			t.Logf("kill %d: instance %s took over; first answer %.1f s after the SIGKILL", len(takeovers), standby.name, took.Seconds())
			if took > 15*time.Second {
				t.Errorf("takeover took %s, over 15 s", took)
			}
			leader, standby = standby, leader
			standby.start(t) // the killed one comes back, as the standby
			waitRole(t, standby, true, 30*time.Second)
		}
		m := anyTicketAck.FindStringSubmatch(r)
		if strings.Contains(st.text, "zorglub") != (m != nil) || m == nil && !strings.Contains(r, "mercredi") {
			t.Fatalf("%q got %q", st.text, r)
		}
		if m == nil {
			continue
		}
		num, _ := strconv.ParseInt(m[1], 10, 64)
		if other, dup := acked[num]; dup {
			t.Errorf("ticket %d acknowledged twice: %q and %q", num, other, st.text)
		}
		acked[num] = st.text
	}
	for _, u := range append(members, alice) {
		if more := u.Collect(botJID, 100*time.Millisecond); len(more) > 0 {
			t.Errorf("XMPP questions answered twice: %q", more)
		}
	}
	for j, ev := range mq {
		if got := malice.Events(testenv.IsReplyTo(room, botID, ev)); len(got) != 1 {
			t.Errorf("Matrix message %d answered %d times", j, len(got))
		}
	}

	list := listTickets(t, testBinary(t), pg.URLWithPassword(db))
	byQuestion := map[string]int64{}
	stored := map[int64]bool{}
	for _, tk := range list {
		stored[tk.ID] = true
		if !asked[tk.Question] {
			t.Errorf("ticket %d holds a question nobody asked: %q", tk.ID, tk.Question)
		}
		if other, dup := byQuestion[tk.Question]; dup {
			t.Errorf("question %q has two tickets: %d and %d", tk.Question, other, tk.ID)
		}
		byQuestion[tk.Question] = tk.ID
	}
	for n, q := range acked {
		if !stored[n] {
			t.Errorf("ticket %d (%q) was acknowledged but is lost", n, q)
		}
	}
	if len(acked) != xmppTotal/2+1 {
		t.Errorf("%d tickets acknowledged, want %d", len(acked), xmppTotal/2+1)
	}
	sort.Slice(takeovers, func(i, j int) bool { return takeovers[i] < takeovers[j] })
	fmt.Printf("takeover after SIGKILL of the leader (kill to first answer), %d kills: median %.1f s, max %.1f s\n",
		len(takeovers), takeovers[len(takeovers)/2].Seconds(), takeovers[len(takeovers)-1].Seconds())
	if strings.Contains(leader.logs.String()+standby.logs.String(), pg.Password) {
		t.Error("the database password appears in a log")
	}
}

// TestLeaderCutOffFromPostgres stops Postgres for 20 s under two
// instances: the leader, unable to renew its lease, falls silent within
// the fence (4 s) and disconnects; a question asked meanwhile waits on the
// XMPP server; when Postgres returns exactly one instance leads, and the
// question is answered once.
func TestLeaderCutOffFromPostgres(t *testing.T) {
	t.Parallel()
	pg := testenv.StartPostgres(t)
	srv := testenv.StartProsody(t, testenv.ProsodyOptions{Users: map[string]string{"bot": "b0t-pass", "alice": "alicepass"}})
	adapters := fmt.Sprintf("[xmpp]\nenabled = true\naddress = %q\njid = %q\nresource = \"bot\"\nca_file = %q\n",
		srv.Addr, srv.JID("bot"), srv.CAFile)
	pair, _ := pairOnPostgres(t, pg, adapters, "ENTRAIDE_XMPP_PASSWORD=b0t-pass")
	a, b := pair[0], pair[1]
	a.start(t)
	waitRole(t, a, false, 30*time.Second)
	b.start(t)
	waitRole(t, b, true, 30*time.Second)
	botJID := srv.JID("bot")
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	const q = "Quels sont les horaires de la permanence ?"
	alice.Chat(botJID, q)
	if r := alice.Next(botJID, 10*time.Second).Body; !strings.Contains(r, "mercredi") {
		t.Fatalf("before the cut: %q", r)
	}

	pg.Stop()
	cut := time.Now()
	// the leader may still answer until its fence, never after it
	alice.Collect(botJID, leaseFence+500*time.Millisecond-time.Since(cut))
	silent := time.Now()
	time.Sleep(3 * time.Second) // the fenced leader has disconnected: this waits on the server
	alice.Chat(botJID, "Quels sont les horaires de la permanence ? (pendant la coupure)")
	alice.Quiet(botJID, 20*time.Second-time.Since(cut))
	for _, in := range pair {
		if l := in.leading(); l != 0 {
			t.Errorf("instance %s reports entraide_leader %d while Postgres is down", in.name, l)
		}
	}
	t.Logf("no message from the bot from %.1f s after Postgres stopped until it restarted, %.1f s after",
		silent.Sub(cut).Seconds(), time.Since(cut).Seconds())

	pg.Start()
	r := alice.Next(botJID, 30*time.Second).Body
	if !strings.Contains(r, "mercredi") {
		t.Fatalf("the question asked during the cut got %q", r)
	}
	if more := alice.Collect(botJID, 3*time.Second); len(more) > 0 {
		t.Errorf("answered twice: %q", more)
	}
	leaders := 0
	for _, in := range pair {
		if in.leading() == 1 {
			leaders++
		}
	}
	if leaders != 1 {
		t.Fatalf("%d instances lead after Postgres returned, want 1\nA:\n%s\nB:\n%s", leaders, a.logs.String(), b.logs.String())
	}
	alice.Chat(botJID, q)
	if r := alice.Next(botJID, 10*time.Second).Body; !strings.Contains(r, "mercredi") {
		t.Fatalf("after the cut: %q", r)
	}
}

// TestLeaderEndOfInputExits: a console bot on Postgres whose input ends
// stops like on SQLite: it releases the lease and exits 0, instead of
// taking its normal end for a lost lease and restarting.
func TestLeaderEndOfInputExits(t *testing.T) {
	t.Parallel()
	pg := testenv.StartPostgres(t)
	pair, _ := pairOnPostgres(t, pg, "[console]\nenabled = true\n")
	// A opens a ticket; B, taking over, joins the asker's follow-up to it
	inputs := []string{"Quels sont les horaires de la permanence ?\nComment réparer le carburateur de ma tondeuse ?\n",
		"Quels sont les horaires de la permanence ?\nElle cale au démarrage, c'est une Honda de 2015.\n"}
	for i, in := range pair {
		cmd := exec.Command(testBinary(t), "run", "--config", in.config)
		cmd.Env = in.env
		cmd.Stdin = strings.NewReader(inputs[i])
		var out, logs testkit.Buffer
		cmd.Stdout, cmd.Stderr = &out, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("instance %s: exit: %v\n%s", in.name, err, logs.String())
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("instance %s still running 30 s after its input ended\n%s", in.name, logs.String())
		}
		if !strings.Contains(out.String(), "mercredi") {
			t.Errorf("instance %s: no answer before the end: %q", in.name, out.String())
		}
		if tickets := anyTicketAck.FindAllString(out.String(), -1); len(tickets) != 1-i {
			t.Errorf("instance %s acknowledged %q, want %d ticket(s): the follow-up of ticket 1 opened another", in.name, tickets, 1-i)
		}
		if strings.Contains(logs.String(), "lease lost") {
			t.Errorf("instance %s: a normal end logged as a lost lease:\n%s", in.name, logs.String())
		}
		// the first released the lease: the second takes it without
		// waiting for it to expire
		m := regexp.MustCompile(`waited=(\S+)`).FindStringSubmatch(logs.String())
		if m == nil {
			t.Fatalf("instance %s never acquired the lease:\n%s", in.name, logs.String())
		}
		if w, err := time.ParseDuration(m[1]); err != nil || w >= leaseFence {
			t.Errorf("instance %s waited %s for the lease, want it released by the previous one", in.name, m[1])
		}
	}
}
