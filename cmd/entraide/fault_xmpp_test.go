package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
)

// TestKill9OverXMPP kills the bot with SIGKILL while a member floods a
// Prosody room with 200 questions, then restarts it. The room's history,
// replayed to the bot when it joins again, must not be answered a second
// time, and every ticket acknowledged in the room must be stored.
func TestKill9OverXMPP(t *testing.T) {
	srv := testenv.StartProsody(t, testenv.ProsodyOptions{Users: map[string]string{"bot": "b0t-pass", "alice": "alicepass"}})
	path := writeXMPPConfig(t, srv, "b0t-pass")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// One member floods on purpose here: no rate limit.
	f.WriteString("\n[ratelimit]\nuser_per_minute = 0\nroom_per_minute = 0\n")
	f.Close()
	bin := testBinary(t)
	start := func() (*exec.Cmd, *testkit.Buffer) {
		var logs testkit.Buffer
		cmd := exec.Command(bin, "run", "--config", path)
		cmd.Stderr = &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the bot to join the room", func() bool { return strings.Contains(logs.String(), "joined room") })
		return cmd, &logs
	}
	support, botNick := srv.Room("support"), srv.Room("support")+"/entraide"
	cmd, _ := start()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	alice := testenv.ConnectXMPP(t, srv, "alice", "alicepass")
	alice.Join(support)

	const total, killAt, inFlight = 200, 100, 10
	questions := make([]string, total)
	for i := range questions {
		if i%2 == 0 {
			questions[i] = fmt.Sprintf("xylophone zorglub %d blorf quux ?", i)
		} else {
			questions[i] = "Quels sont les horaires de la permanence ?"
		}
	}
	var replies []string
	sent := 0
	for len(replies) < killAt {
		for sent < total && sent < len(replies)+inFlight {
			alice.Say(support, questions[sent])
			sent++
		}
		replies = append(replies, alice.Next(botNick, 20*time.Second).Body)
	}
	cmd.Process.Kill() // SIGKILL mid-burst
	cmd.Wait()
	if sent == total && len(replies) == total {
		t.Fatal("the burst ended before the kill; the test proves nothing")
	}
	// Replies the bot sent just before dying are still on their way.
	replies = append(replies, alice.Collect(botNick, 500*time.Millisecond)...)
	acked := map[int64]bool{}
	for _, r := range replies {
		if m := ticketAck.FindStringSubmatch(r); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			if acked[n] {
				t.Errorf("ticket %d acknowledged twice", n)
			}
			acked[n] = true
		} else if !strings.Contains(r, "mercredi") {
			t.Errorf("unexpected reply %q", r)
		}
	}

	// Restart: the bot rejoins and is sent the room's recent history; the
	// first thing it says must be the answer to a new question.
	cmd, logs := start()
	alice.Say(support, "encore xylophone zorglub blorf ?")
	first := alice.Next(botNick, 20*time.Second).Body
	if !strings.Contains(first, "ticket n°") {
		t.Fatalf("after restart the bot first said %q: a question from before answered again?\n%s", first, logs.String())
	}
	if more := alice.Collect(botNick, time.Second); len(more) > 0 {
		t.Fatalf("after restart the bot said more than the one answer: %q", more)
	}

	list := listTickets(t, bin, strings.TrimSuffix(path, "entraide.toml")+"entraide.db")
	asked := map[string]bool{"encore xylophone zorglub blorf ?": true}
	for _, q := range questions[:sent] {
		asked[q] = true
	}
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
	for n := range acked {
		if !stored[n] {
			t.Errorf("ticket %d was acknowledged in the room but is lost", n)
		}
	}
	t.Logf("killed after %d questions sent and %d replies; %d tickets acknowledged, %d stored after restart",
		sent, len(replies), len(acked), len(list))
}
