package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"codeberg.org/entraide/entraide/sqlite"
)

// Fault tests: the real binary killed, a damaged database, a full disk.
// (A malformed FAQ written while the bot runs is covered by
// TestHotReloadFollowsFilesAndKeepsLastGoodKB.)

// buildGoolm compiles the command as released (pure-Go olm).
// testBinary compiles the command once per test run, with -tags goolm as
// CI builds it, and returns its path; the binary lives in binDir, which
// TestMain removes.
func testBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binPath = filepath.Join(binDir, "entraide")
		if out, err := exec.Command("go", "build", "-tags", "goolm", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

var (
	binDir  string // set by TestMain
	binOnce sync.Once
	binPath string
	binErr  error
)

var ticketAck = regexp.MustCompile(`\(ticket n° (\d+)\)`)

// supportReply is the head of the bot's reply to someone in the support room.
var supportReply = regexp.MustCompile(`^\[support\] entraide: [^ :]+: `)

// asAsker prefixes question i with a console line that makes a new person
// ask it: a person's next questions would join their open ticket.
func asAsker(i int, q string) string { return fmt.Sprintf("/as asker%d\n%s\n", i, q) }

// supportReplies splits console output into the bot's replies to askers
// in the support room, continuation lines included, in order.
func supportReplies(out string) []string {
	var replies []string
	in := false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case supportReply.MatchString(l):
			replies = append(replies, supportReply.ReplaceAllString(l, ""))
			in = true
		case in && strings.HasPrefix(l, "    "):
			replies[len(replies)-1] += "\n" + strings.TrimSpace(l)
		default:
			in = false
		}
	}
	return replies
}

func listTickets(t *testing.T, bin, db string) []ticketJSON {
	t.Helper()
	out, err := exec.Command(bin, "tickets", "list", "--json", "--db", db).Output()
	if err != nil {
		t.Fatalf("tickets list: %v", err)
	}
	var list []ticketJSON
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// TestKill9DuringBurstOf200 pipes 200 questions (half answered by the
// FAQ, half escalated) into the bot, SIGKILLs it mid-burst and restarts
// it: every ticket acknowledged to the asker is stored with the question
// it acknowledged, no question has two tickets, and the restarted bot
// answers nothing from before.
func TestKill9DuringBurstOf200(t *testing.T) {
	bin := testBinary(t)
	db := filepath.Join(t.TempDir(), "burst.db")
	const total, killAt = 200, 100
	questions := make([]string, total)
	for i := range questions {
		if i%2 == 0 {
			questions[i] = fmt.Sprintf("xylophone zorglub %d blorf quux ?", i)
		} else {
			questions[i] = "combien coûte la formation ?"
		}
	}
	var burst strings.Builder
	for i, q := range questions {
		burst.WriteString(asAsker(i, q))
	}
	cmd := exec.Command(bin, "demo", "--db", db)
	cmd.Stdin = strings.NewReader(burst.String()) // the whole burst is queued at once
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(stdout)
	seen := 0
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if supportReply.MatchString(sc.Text()) {
			if seen++; seen == killAt {
				cmd.Process.Kill() // SIGKILL: no deferred code, no clean close
			}
		}
	}
	cmd.Wait()
	replies := supportReplies(out.String())
	if len(replies) >= total {
		t.Fatalf("all %d questions were answered before the kill; the test proves nothing", total)
	}
	if len(replies) < killAt {
		t.Fatalf("only %d replies before the kill; stderr:\n%s", len(replies), stderr.String())
	}

	list := listTickets(t, bin, db) // reopens the database after the kill
	byID := map[int64]ticketJSON{}
	byQuestion := map[string]int64{}
	for _, tk := range list {
		byID[tk.ID] = tk
		if other, dup := byQuestion[tk.Question]; dup {
			t.Errorf("question %q has two tickets: %d and %d", tk.Question, other, tk.ID)
		}
		byQuestion[tk.Question] = tk.ID
	}
	acked := 0
	for k, r := range replies {
		m := ticketAck.FindStringSubmatch(r)
		if k%2 == 1 {
			if m != nil || !strings.Contains(r, "€") {
				t.Errorf("reply %d should be the FAQ answer, got %q", k, r)
			}
			continue
		}
		if m == nil {
			t.Errorf("reply %d to %q should acknowledge a ticket, got %q", k, questions[k], r)
			continue
		}
		acked++
		n, _ := strconv.ParseInt(m[1], 10, 64)
		tk, ok := byID[n]
		if !ok {
			t.Errorf("ticket %d was acknowledged but is lost", n)
		} else if tk.Question != questions[k] {
			t.Errorf("ticket %d acknowledged question %q but holds %q", n, questions[k], tk.Question)
		}
	}
	// At most the question being handled at the kill is stored unacknowledged.
	if len(list) < acked || len(list) > acked+1 {
		t.Errorf("%d tickets stored for %d acknowledged", len(list), acked)
	}
	t.Logf("killed after %d of %d replies: %d tickets acknowledged, %d stored", len(replies), total, acked, len(list))

	// Restart on the same database with one new question: exactly one
	// reply, a new number, nothing from before said again.
	next := exec.Command(bin, "demo", "--db", db)
	next.Stdin = strings.NewReader("encore xylophone zorglub blorf ?\n")
	o, err := next.Output()
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	again := supportReplies(string(o))
	want := fmt.Sprintf("(ticket n° %d)", len(list)+1)
	if len(again) != 1 || !strings.Contains(again[0], want) {
		t.Fatalf("after restart want one reply with %s, got:\n%s", want, o)
	}
}

// seedDB makes a demo database holding n tickets and returns its path and
// their questions.
func seedDB(t *testing.T, n int) (string, []string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "seed.db")
	var in strings.Builder
	var qs []string
	for i := range n {
		q := fmt.Sprintf("xylophone zorglub %d blorf ?", i)
		qs = append(qs, q)
		in.WriteString(asAsker(i, q))
	}
	if _, errs, code := runCLI(t, in.String(), "demo", "--db", db); code != 0 {
		t.Fatalf("seed: %d %s", code, errs)
	}
	return db, qs
}

// checkpoint folds the write-ahead log into the database file and empties
// it, so the file on disk holds every page: the last page of the file is
// then really the database's last page, and no later close can rewrite it.
func checkpoint(t *testing.T, path string) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var busy, logFrames, done int
	if err := db.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil || busy != 0 {
		t.Fatalf("checkpoint of %s: busy=%d err=%v", path, busy, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		t.Fatalf("%s-wal still holds %d bytes after a checkpoint", path, st.Size())
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestCorruptLastPageIsRefusedByName overwrites the database's last page
// with garbage: the bot refuses to start with an error naming the file,
// and leaves the file exactly as it was for recovery.
func TestCorruptLastPageIsRefusedByName(t *testing.T) {
	db, _ := seedDB(t, 20)
	checkpoint(t, db)
	st, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(db, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5, 0x5A, 0x00, 0xFF}, 1024), st.Size()-4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := fileHash(t, db)
	for _, args := range [][]string{{"demo", "--db", db}, {"tickets", "list", "--db", db}} {
		_, errs, code := runCLI(t, "bonjour\n", args...)
		if code != 1 || !strings.Contains(errs, "database "+db+" is damaged") || !strings.Contains(errs, "restore a backup") {
			t.Errorf("%s: exit %d, want a clear error naming %s:\n%s", args[0], code, db, errs)
		}
	}
	if fileHash(t, db) != before {
		t.Fatal("the damaged file was modified")
	}
}

// TestDiskFullKeepsWhatWasStored runs the bot under a file-size limit
// (RLIMIT_FSIZE, as a full disk looks to SQLite): writes fail with an error
// naming the database, no ticket is acknowledged without being stored, and
// everything stored before is intact afterwards.
func TestDiskFullKeepsWhatWasStored(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		if os.Getenv("ENTRAIDE_INTEGRATION") != "" {
			t.Fatal("prlimit (util-linux) is needed for the disk-full test")
		}
		t.Skip("no prlimit")
	}
	bin := testBinary(t)
	db, seeded := seedDB(t, 30)
	st, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	// Room for the shared-memory index and a few WAL frames, not for 100 tickets.
	limit := st.Size() + 40*1024
	var in strings.Builder
	var qs []string
	for i := range 100 {
		q := fmt.Sprintf("wagon quetzal %d plouf ?", i)
		qs = append(qs, q)
		in.WriteString(asAsker(i, q))
	}
	cmd := exec.Command(prlimit, "--fsize="+strconv.FormatInt(limit, 10), bin, "demo", "--db", db)
	cmd.Stdin = strings.NewReader(in.String())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Logf("bot under the limit exited with %v", err)
	}
	if !strings.Contains(stderr.String(), "database "+db+": ") || !strings.Contains(stderr.String(), "disk full or file size limit") {
		t.Fatalf("want a clear error naming the database; stderr:\n%s", stderr.String())
	}
	replies := supportReplies(stdout.String())
	acked := map[int64]string{}
	for k, r := range replies {
		if m := ticketAck.FindStringSubmatch(r); m != nil && k < len(qs) {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			acked[n] = qs[k]
		}
	}
	if len(acked) == len(qs) {
		t.Fatal("every write succeeded: the limit was too high to test anything")
	}

	// Without the limit: the file opens (integrity check included), the 30
	// seeded tickets and every acknowledged one are there.
	d, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("database unusable after the disk-full run: %v", err)
	}
	d.Close()
	list := listTickets(t, bin, db)
	byID := map[int64]string{}
	for _, tk := range list {
		byID[tk.ID] = tk.Question
	}
	for i, q := range seeded {
		if byID[int64(i+1)] != q {
			t.Errorf("seeded ticket %d lost or changed: %q", i+1, byID[int64(i+1)])
		}
	}
	for n, q := range acked {
		if byID[n] != q {
			t.Errorf("ticket %d was acknowledged for %q but holds %q", n, q, byID[n])
		}
	}
	t.Logf("limit %d bytes: %d of %d new questions acknowledged, %d tickets stored", limit, len(acked), len(qs), len(list))
}
