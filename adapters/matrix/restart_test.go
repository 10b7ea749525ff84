package matrix

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"codeberg.org/entraide/entraide/internal/testenv"
	"codeberg.org/entraide/entraide/internal/testkit"
	"codeberg.org/entraide/entraide/sqlite"
)

// Environment of the bot child process used by the kill -9 tests.
const (
	childEnv = "ENTRAIDE_MATRIX_TEST_CHILD" // "hs-url db-path"
	// pauseEnv holds "stage=text" pairs separated by newlines: the child
	// stops for good at crashPoint's stage for the first message whose body
	// is text, and prints "paused stage event-id".
	pauseEnv = "ENTRAIDE_MATRIX_TEST_PAUSE"
)

func TestMain(m *testing.M) {
	if v := os.Getenv(childEnv); v != "" {
		os.Exit(runChild(v))
	}
	os.Exit(m.Run())
}

// runChild runs a bot until it is killed, printing "ready" once it synced.
func runChild(v string) int {
	hs, dbPath, _ := strings.Cut(v, " ")
	pauses := map[string]string{}
	for _, p := range strings.Split(os.Getenv(pauseEnv), "\n") {
		if stage, text, ok := strings.Cut(p, "="); ok {
			pauses[stage] = text
		}
	}
	var mu sync.Mutex
	crashPoint = func(stage string, evt *event.Event) {
		mu.Lock()
		text, ok := pauses[stage]
		if !ok || evt.Content.AsMessage().Body != text {
			mu.Unlock()
			return
		}
		delete(pauses, stage)
		fmt.Println("paused", stage, evt.ID)
		mu.Unlock()
		select {} // until the kill
	}
	tb, err := runBot(hs, "@bot:localhost", "bot-pass-123456", botConfig{dbPath: dbPath, encryption: true, logTo: os.Stderr})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for !tb.ad.Connected() {
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("ready")
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM)
	<-sig
	return 0
}

// child is a bot running as a separate process, and the lines it prints.
type child struct {
	*exec.Cmd
	lines chan string
}

// startChild starts the bot as a separate process on dbPath, pausing as
// pauses ("stage=text") say.
func startChild(t *testing.T, d *testenv.Dendrite, dbPath string, pauses ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+d.URL+" "+dbPath, pauseEnv+"="+strings.Join(pauses, "\n"))
	logs := &testkit.Buffer{}
	cmd.Stderr = logs
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("log of the bot process on %s:\n%s", filepath.Base(dbPath), logs.String())
		}
	})
	c := &child{Cmd: cmd, lines: make(chan string, 16)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- strings.TrimSpace(sc.Text())
		}
		close(c.lines)
	}()
	if line := c.next(t, "to sync"); line != "ready" {
		t.Fatalf("the bot process did not start (it printed %q)", line)
	}
	return c
}

// next is the child's next line; it fails t if none comes in time.
func (c *child) next(t *testing.T, what string) string {
	t.Helper()
	select {
	case line := <-c.lines:
		return line
	case <-time.After(wait):
		t.Fatalf("the bot process did not %s in time", what)
		return ""
	}
}

// kill is kill -9.
func (c *child) kill(t *testing.T) {
	t.Helper()
	if err := c.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.Wait()
}

// answersTo counts the bot's replies to each question.
func answersTo(alice *testenv.MatrixUser, room id.RoomID, bot id.UserID, qs ...id.EventID) []int {
	var n []int
	for _, q := range qs {
		n = append(n, len(alice.Events(testenv.IsReplyTo(room, bot, q))))
	}
	return n
}

func wantOnce(t *testing.T, counts []int) {
	t.Helper()
	for i, c := range counts {
		if c != 1 {
			t.Errorf("question %d was answered %d times, want once (all: %v)", i+1, c, counts)
		}
	}
}

// TestBotRestart: a clean stop between two questions; the one asked while
// the bot was down is answered once, late, and the device is kept.
func TestBotRestart(t *testing.T) {
	needEncryption(t)
	d := testenv.StartDendrite(t, "bot", "alice")
	dbPath := filepath.Join(t.TempDir(), "entraide.db")
	b1 := startBot(t, d, botConfig{dbPath: dbPath, encryption: true})
	alice := testenv.NewMatrixUser(t, d, "alice", true)
	botID := b1.botID()
	room := alice.CreateRoom("support", true, botID)

	q1 := alice.Say(room, qPassword)
	alice.WaitFor(t, wait, "answer 1", decrypted(testenv.IsReplyTo(room, botID, q1)))
	device := b1.ad.DeviceID()
	devs, err := b1.ad.cli.GetDevicesInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	devices := len(devs.Devices) // create-account made one too
	b1.stop()

	q2 := alice.Say(room, qHours) // while the bot is down
	b2 := startBot(t, d, botConfig{dbPath: dbPath, encryption: true})
	alice.WaitFor(t, wait, "late answer 2", decrypted(testenv.IsReplyTo(room, botID, q2)))
	q3 := alice.Say(room, qPassword)
	alice.WaitFor(t, wait, "answer 3", decrypted(testenv.IsReplyTo(room, botID, q3)))
	wantOnce(t, answersTo(alice, room, botID, q1, q2, q3))

	if b2.ad.DeviceID() != device {
		t.Errorf("device after restart %s, want %s (a new device each start)", b2.ad.DeviceID(), device)
	}
	devs, err = b2.ad.cli.GetDevicesInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(devs.Devices) != devices {
		t.Errorf("the bot account has %d devices after the restart, %d before", len(devs.Devices), devices)
	}
}

// TestBotKilled: SIGKILL right after an answer, then the sync token is
// rolled back to before that question, as if the kill had landed before the
// token was saved. The new process must not answer it again, and must
// answer the question sent while it was down.
func TestBotKilled(t *testing.T) {
	needEncryption(t)
	d := testenv.StartDendrite(t, "bot", "alice")
	dbPath := filepath.Join(t.TempDir(), "entraide.db")
	p1 := startChild(t, d, dbPath)
	alice := testenv.NewMatrixUser(t, d, "alice", true)
	botID := id.UserID(d.UserID("bot"))
	room := alice.CreateRoom("support", true, botID)
	ctx := context.Background()

	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	token := func() string { v, _, _ := db.Get(ctx, "matrix", "next_batch:"+botID.String()); return v }
	device := func() string { v, _, _ := db.Get(ctx, "matrix", keyDevice); return v }

	before := token()
	q1 := alice.Say(room, qPassword)
	alice.WaitFor(t, wait, "answer 1", decrypted(testenv.IsReplyTo(room, botID, q1)))
	testkit.WaitUntil(t, wait, "the sync token to move past question 1", func() bool { return token() != before })
	afterQ1 := token()
	dev := device()

	q2 := alice.Say(room, qHours)
	alice.WaitFor(t, wait, "answer 2", decrypted(testenv.IsReplyTo(room, botID, q2)))
	p1.kill(t)
	if err := db.Put(ctx, "matrix", "next_batch:"+botID.String(), afterQ1); err != nil {
		t.Fatal(err)
	}

	q3 := alice.Say(room, qPassword) // while the bot is dead
	startChild(t, d, dbPath)
	alice.WaitFor(t, wait, "late answer 3", decrypted(testenv.IsReplyTo(room, botID, q3)))
	q4 := alice.Say(room, qHours)
	alice.WaitFor(t, wait, "answer 4", decrypted(testenv.IsReplyTo(room, botID, q4)))
	wantOnce(t, answersTo(alice, room, botID, q1, q2, q3, q4))
	if device() != dev {
		t.Errorf("device changed from %s to %s across the kill", dev, device())
	}
}

// TestHomeserverRestart: the bot notices the loss, logs it once however
// many retries it takes, reconnects and answers again.
func TestHomeserverRestart(t *testing.T) {
	needEncryption(t)
	d := testenv.StartDendrite(t, "bot", "alice")
	b := startBot(t, d, botConfig{encryption: true})
	alice := testenv.NewMatrixUser(t, d, "alice", false)
	botID := b.botID()
	room := alice.CreateRoom("support", false, botID)

	q1 := alice.Say(room, qPassword)
	alice.WaitFor(t, wait, "answer before the restart", testenv.IsReplyTo(room, botID, q1))

	d.Stop()
	testkit.WaitUntil(t, wait, "the bot to notice the homeserver is gone", func() bool { return !b.ad.Connected() })
	time.Sleep(2 * time.Second) // several failed attempts (0.5 s, 1 s, ...)
	if err := d.Start(); err != nil {
		t.Fatal(err)
	}
	testkit.WaitUntil(t, 30*time.Second, "the bot to reconnect", b.ad.Connected)

	q2 := alice.Say(room, qHours)
	alice.WaitFor(t, wait, "answer after the restart", testenv.IsReplyTo(room, botID, q2))
	wantOnce(t, answersTo(alice, room, botID, q1, q2))
	if n := b.logs.Count("homeserver unreachable"); n != 1 {
		t.Errorf("the connection loss was logged %d times, want once", n)
	}
	if n := b.logs.Count("reachable again"); n != 1 {
		t.Errorf("the reconnection was logged %d times, want once", n)
	}
}

// TestSessionLoggedOut: someone logs the bot's session out (which deletes
// its device and keys); the next start logs in again as a new device with
// new keys and still answers in an encrypted room.
func TestSessionLoggedOut(t *testing.T) {
	needEncryption(t)
	d := testenv.StartDendrite(t, "bot", "alice")
	dbPath := filepath.Join(t.TempDir(), "entraide.db")
	b1 := startBot(t, d, botConfig{dbPath: dbPath, encryption: true})
	alice := testenv.NewMatrixUser(t, d, "alice", true)
	botID := b1.botID()
	room := alice.CreateRoom("support", true, botID)
	q1 := alice.Say(room, qPassword)
	alice.WaitFor(t, wait, "answer 1", decrypted(testenv.IsReplyTo(room, botID, q1)))
	old, token := b1.ad.DeviceID(), b1.ad.cli.AccessToken
	b1.stop()

	other, err := mautrix.NewClient(d.URL, botID, token)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Logout(context.Background()); err != nil {
		t.Fatal(err)
	}
	b2 := startBot(t, d, botConfig{dbPath: dbPath, encryption: true})
	if b2.ad.DeviceID() == old || b2.ad.DeviceID() == "" {
		t.Errorf("device after the logout %q, want a new one (old %s)", b2.ad.DeviceID(), old)
	}
	alice.WaitForDevice(t, wait, botID, b2.ad.DeviceID())
	q2 := alice.Say(room, qHours)
	alice.WaitFor(t, wait, "answer from the new device", decrypted(testenv.IsReplyTo(room, botID, q2)))
}
