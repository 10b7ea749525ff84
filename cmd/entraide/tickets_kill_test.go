package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// buildEntraide compiles the command once per test run.
var ackLine = regexp.MustCompile(`^\[support\] entraide: [^ :]+: .*\(ticket n° (\d+)\)`)

// TestKill9LosesNoAcknowledgedTicket pipes questions into the real binary,
// SIGKILLs it in the middle, and checks that every ticket number the bot
// printed to an asker is in the database with its question after a restart.
func TestKill9LosesNoAcknowledgedTicket(t *testing.T) {
	bin := testBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	const total, killAfter, inFlight = 50, 25, 5
	questions := make([]string, total)
	for i := range questions {
		questions[i] = fmt.Sprintf("xylophone zorglub %d blorf quux ?", i+1)
	}

	cmd := exec.Command(bin, "demo", "--db", db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acks := make(chan int64, total)
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := ackLine.FindStringSubmatch(sc.Text()); m != nil {
				n, _ := strconv.ParseInt(m[1], 10, 64)
				acks <- n
			}
		}
	}()

	// Keep a few questions in flight so the kill lands while the bot works.
	var got []int64
	timeout := time.After(60 * time.Second)
	sent := 0
	for len(got) < killAfter {
		for sent < total && sent < len(got)+inFlight {
			if _, err := io.WriteString(stdin, asAsker(sent, questions[sent])); err != nil {
				t.Fatal(err)
			}
			sent++
		}
		select {
		case n := <-acks:
			got = append(got, n)
		case <-timeout:
			t.Fatalf("only %d acknowledgements; stderr:\n%s", len(got), stderr.String())
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	<-readDone
	cmd.Wait()
	close(acks)
	for n := range acks {
		got = append(got, n)
	}
	if len(got) >= total {
		t.Fatalf("the bot finished before the kill (%d acks); the test proves nothing", len(got))
	}
	for k, n := range got {
		if n != int64(k+1) {
			t.Fatalf("acknowledgement %d gave ticket %d", k+1, n)
		}
	}

	// Restart on the same database.
	out, err := exec.Command(bin, "tickets", "list", "--json", "--db", db).Output()
	if err != nil {
		t.Fatalf("tickets list after the kill: %v", err)
	}
	var list []ticketJSON
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatal(err)
	}
	byID := map[int64]ticketJSON{}
	for _, tk := range list {
		byID[tk.ID] = tk
	}
	for _, n := range got {
		tk, ok := byID[n]
		if !ok {
			t.Fatalf("ticket %d was acknowledged but is lost (%d acks, %d tickets stored)", n, len(got), len(list))
		}
		if tk.Question != questions[n-1] || tk.State != "open" {
			t.Fatalf("ticket %d: %+v, want question %q", n, tk, questions[n-1])
		}
	}
	t.Logf("killed after %d of %d questions sent, %d acknowledged, %d stored", sent, total, len(got), len(list))

	// A restarted bot numbers on without reusing a number.
	next := exec.Command(bin, "demo", "--db", db)
	next.Stdin = strings.NewReader("encore xylophone zorglub blorf ?\n")
	out, err = next.Output()
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	want := fmt.Sprintf("(ticket n° %d)", len(list)+1)
	if !strings.Contains(string(out), want) {
		t.Fatalf("after restart want %s in:\n%s", want, out)
	}
}
