package testenv

import (
	"bytes"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// Postgres is a throw-away PostgreSQL cluster: initdb in a temporary
// folder owned by the postgres user, pg_ctl on a free loopback port with
// its socket in that folder.
type Postgres struct {
	Dir      string // temporary folder: data, socket, log
	Addr     string // "127.0.0.1:port"
	User     string // superuser of the cluster
	Password string // its password (password login over TCP)

	t    testing.TB
	bin  string
	data string

	mu      sync.Mutex
	running bool
	dbs     atomic.Int32
}

// StartPostgres creates and starts a cluster, stopped and removed when the
// test ends.
func StartPostgres(t testing.TB) *Postgres {
	t.Helper()
	bin := lookPostgres(t)
	owner, err := user.Lookup("postgres")
	if err != nil {
		t.Fatalf("postgres: no postgres user to run the server as: %v", err)
	}
	uid, _ := strconv.Atoi(owner.Uid)
	gid, _ := strconv.Atoi(owner.Gid)
	// Not t.TempDir: its parent folders are private to the test's user,
	// and the server runs as postgres.
	dir, err := os.MkdirTemp("", "entraide-pg-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, uid, gid); err != nil {
		os.RemoveAll(dir)
		t.Fatalf("postgres: %v", err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	p := &Postgres{Dir: dir, Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), User: "entraide",
		Password: "pg-test-secret", t: t, bin: bin, data: filepath.Join(dir, "data")}
	t.Cleanup(func() {
		p.Stop()
		os.RemoveAll(dir)
	})
	pwfile := filepath.Join(dir, "pwfile")
	if err := os.WriteFile(pwfile, []byte(p.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chown(pwfile, uid, gid)
	p.run("initdb", "-D", p.data, "-U", p.User, "--pwfile", pwfile, "--auth-local=trust",
		"--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C")
	p.Start()
	return p
}

func lookPostgres(t testing.TB) string {
	t.Helper()
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(dirs)
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "pg_ctl")); err == nil {
			return dirs[i]
		}
	}
	msg := "postgres: initdb and pg_ctl not found under /usr/lib/postgresql (apt-get install postgresql)"
	if os.Getenv(EnvIntegration) == "" {
		t.Skip(msg + "; set " + EnvIntegration + "=1 to make this a failure")
	}
	t.Fatal(msg)
	return ""
}

// run runs one of the server's programs as the postgres user.
func (p *Postgres) run(name string, args ...string) {
	p.t.Helper()
	cmd := exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(p.bin, name)}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		p.t.Fatalf("postgres: %s: %v\n%s\n%s", name, err, out.String(), p.Log())
	}
}

// Start starts the server (again) and waits until it accepts connections.
func (p *Postgres) Start() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.running {
		return
	}
	_, port, _ := net.SplitHostPort(p.Addr)
	// durability is not what these tests are about: no fsync
	opts := fmt.Sprintf("-p %s -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "+
		"-c full_page_writes=off -c max_connections=200", port, p.Dir)
	p.run("pg_ctl", "-D", p.data, "-l", filepath.Join(p.Dir, "log"), "-o", opts, "-w", "-t", "60", "start")
	p.running = true
}

// Stop stops the server at once (immediate mode: like a crash, clients are
// cut off).
func (p *Postgres) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.running {
		return
	}
	cmd := exec.Command("runuser", "-u", "postgres", "--", filepath.Join(p.bin, "pg_ctl"), "-D", p.data,
		"-m", "immediate", "-w", "stop")
	if out, err := cmd.CombinedOutput(); err != nil {
		p.t.Errorf("postgres: pg_ctl stop: %v\n%s", err, out)
	}
	p.running = false
}

// Log is the server's log so far.
func (p *Postgres) Log() string {
	b, _ := os.ReadFile(filepath.Join(p.Dir, "log"))
	return string(b)
}

// URL is the address of database name with the user but without the
// password (give it as ENTRAIDE_DATABASE_PASSWORD or with URLWithPassword).
func (p *Postgres) URL(name string) string {
	u := url.URL{Scheme: "postgres", User: url.User(p.User), Host: p.Addr, Path: "/" + name,
		RawQuery: "sslmode=disable"}
	return u.String()
}

// URLWithPassword is URL with the password in it.
func (p *Postgres) URLWithPassword(name string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(p.User, p.Password), Host: p.Addr, Path: "/" + name,
		RawQuery: "sslmode=disable"}
	return u.String()
}

// NewDatabase creates an empty database and returns its name.
func (p *Postgres) NewDatabase() string {
	p.t.Helper()
	name := fmt.Sprintf("db%d", p.dbs.Add(1))
	p.run("createdb", "-h", p.Dir, "-p", portOf(p.Addr), "-U", p.User, name)
	return name
}

func portOf(addr string) string {
	_, port, _ := net.SplitHostPort(addr)
	return port
}
