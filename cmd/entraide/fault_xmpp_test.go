package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
	"codeberg.org/entraide/entraide/sqlite"
)

// TestKill9OverXMPP kills the bot with SIGKILL while a member floods a
// Prosody room with 200 messages, then restarts it. The member has a ticket
// open, so half the flood is her follow-ups (recorded in the ticket, not
// answered) and half a question the FAQ answers. The room's history,
// replayed to the bot when it joins again, must not be answered or
// recorded a second time, and the acknowledged ticket must be stored.
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
	alice.Say(support, "xylophone zorglub blorf quux ?")
	if ack := alice.Next(botNick, 20*time.Second).Body; !strings.Contains(ack, "(ticket n° 1)") {
		t.Fatalf("want ticket 1 acknowledged, got %q", ack)
	}

	const total, killAt, inFlight = 200, 50, 5
	const known = "Quels sont les horaires de la permanence ?"
	questions := make([]string, total)
	for i := range questions {
		if i%2 == 0 {
			questions[i] = fmt.Sprintf("toujours xylophone zorglub %d blorf quux", i)
		} else {
			questions[i] = known
		}
	}
	var replies []string
	sent := 0
	for len(replies) < killAt {
		for sent < total && sent < 2*(len(replies)+inFlight) {
			alice.Say(support, questions[sent])
			sent++
		}
		replies = append(replies, alice.Next(botNick, 20*time.Second).Body)
	}
	cmd.Process.Kill() // SIGKILL mid-burst
	cmd.Wait()
	if sent == total && len(replies) == total/2 {
		t.Fatal("the burst ended before the kill; the test proves nothing")
	}
	// Replies the bot sent just before dying are still on their way.
	replies = append(replies, alice.Collect(botNick, 500*time.Millisecond)...)
	for _, r := range replies {
		if !strings.Contains(r, "mercredi") {
			t.Errorf("unexpected reply %q: follow-ups to an open ticket are not answered", r)
		}
	}

	// Restart: the bot rejoins and is sent the room's recent history; the
	// first thing it says must be the answer to a new question.
	cmd, logs := start()
	alice.Say(support, known)
	first := alice.Next(botNick, 20*time.Second).Body
	if !strings.Contains(first, "mercredi") {
		t.Fatalf("after restart the bot first said %q: a message from before handled again?\n%s", first, logs.String())
	}
	if more := alice.Collect(botNick, time.Second); len(more) > 0 {
		t.Fatalf("after restart the bot said more than the one answer: %q", more)
	}
	cmd.Process.Kill()
	cmd.Wait()

	dbPath := strings.TrimSuffix(path, "entraide.toml") + "entraide.db"
	list := listTickets(t, bin, dbPath)
	if len(list) != 1 || list[0].Question != "xylophone zorglub blorf quux ?" {
		t.Fatalf("want alice's one ticket, got %+v", list)
	}
	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs, err := sqlite.NewTicketStore(db).TicketEvents(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	asked := map[string]bool{}
	for _, q := range questions[:sent] {
		asked[q] = true
	}
	recorded := map[string]bool{}
	for _, ev := range evs {
		if ev.Kind != "message" {
			continue
		}
		if !asked[ev.Note] {
			t.Errorf("ticket 1 holds a message nobody sent: %q", ev.Note)
		}
		if recorded[ev.Note] {
			t.Errorf("message %q recorded twice", ev.Note)
		}
		recorded[ev.Note] = true
	}
	if len(recorded) == 0 {
		t.Error("no follow-up of the flood reached the ticket")
	}
	t.Logf("killed after %d messages sent and %d answers; %d follow-ups recorded in ticket 1", sent, len(replies), len(recorded))
}
