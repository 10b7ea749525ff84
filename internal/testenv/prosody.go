package testenv

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// EnvIntegration, when set, turns a missing server into a test failure.
const EnvIntegration = "ENTRAIDE_INTEGRATION"

// ProsodyOptions describe the throw-away XMPP server.
type ProsodyOptions struct {
	// Users to register before the start: name → password, all on Domain.
	Users map[string]string
	// PublicJIDs makes every new room non-anonymous (occupants' real JIDs
	// are shown to everyone), as a mentors' room should be.
	PublicJIDs bool
}

// Prosody is a running (or stopped) test server.
type Prosody struct {
	Dir       string // temporary folder: config, certificate, data, log
	Addr      string // "127.0.0.1:port" for c2s
	Domain    string // the virtual host ("localhost")
	MUCDomain string // the multi-user chat component ("conference.localhost")
	CAFile    string // PEM certificate of the server, to trust in clients

	t      testing.TB
	config string
	bin    string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// StartProsody writes a config in a temporary folder, registers the users
// and starts Prosody in the foreground on a free loopback port. It is
// stopped when the test ends.
func StartProsody(t testing.TB, o ProsodyOptions) *Prosody {
	t.Helper()
	bin, ctl := lookProsody(t)
	dir := t.TempDir()
	p := &Prosody{
		Dir: dir, Domain: "localhost", MUCDomain: "conference.localhost",
		CAFile: filepath.Join(dir, "localhost.crt"), t: t, bin: bin,
		config: filepath.Join(dir, "prosody.cfg.lua"),
	}
	if err := writeSelfSigned(dir, p.CAFile, filepath.Join(dir, "localhost.key"), p.Domain, p.MUCDomain); err != nil {
		t.Fatalf("prosody certificate: %v", err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatalf("prosody port: %v", err)
	}
	p.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := os.WriteFile(p.config, []byte(prosodyConfig(dir, port, p, o)), 0o600); err != nil {
		t.Fatal(err)
	}
	for user, pass := range o.Users {
		p.register(ctl, user, pass)
	}
	t.Cleanup(p.Stop)
	p.Start()
	return p
}

// JID is user's bare address on this server.
func (p *Prosody) JID(user string) string { return user + "@" + p.Domain }

// Room is the bare address of a room on the MUC component.
func (p *Prosody) Room(name string) string { return name + "@" + p.MUCDomain }

func lookProsody(t testing.TB) (bin, ctl string) {
	t.Helper()
	bin, err1 := exec.LookPath("prosody")
	ctl, err2 := exec.LookPath("prosodyctl")
	if err1 == nil && err2 == nil {
		return bin, ctl
	}
	msg := "prosody and prosodyctl are not installed (scripts/install-prosody installs them)"
	if os.Getenv(EnvIntegration) == "" {
		t.Skip(msg + "; set " + EnvIntegration + "=1 to make this a failure")
	}
	t.Fatal(msg)
	return "", ""
}

func (p *Prosody) register(ctl, user, pass string) {
	p.t.Helper()
	cmd := exec.Command(ctl, "--config", p.config, "register", user, p.Domain, pass)
	if out, err := cmd.CombinedOutput(); err != nil {
		p.t.Fatalf("prosodyctl register %s: %v\n%s", user, err, out)
	}
}

// Start runs the server (again) and waits until its port accepts
// connections.
func (p *Prosody) Start() {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd != nil {
		p.t.Fatal("prosody is already running")
	}
	logf, err := os.OpenFile(filepath.Join(p.Dir, "prosody.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		p.t.Fatal(err)
	}
	cmd := exec.Command(p.bin, "--config", p.config, "-F")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		p.t.Fatalf("start prosody: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); logf.Close(); close(done) }()
	p.cmd, p.done = cmd, done
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", p.Addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		select {
		case <-done:
			p.cmd = nil
			p.t.Fatalf("prosody exited at start:\n%s", p.Log())
		default:
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("prosody did not open %s within 10s:\n%s", p.Addr, p.Log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Stop ends the server with SIGTERM (SIGKILL after 10 s) and waits for it.
// Stopping a stopped server does nothing.
func (p *Prosody) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGCONT) // in case it was frozen
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
	p.cmd = nil
}

// Restart stops and starts the server; accounts and data are kept, rooms
// that are not persistent are gone.
func (p *Prosody) Restart() {
	p.t.Helper()
	p.Stop()
	p.Start()
}

// Freeze suspends the server (SIGSTOP): connections stay open but nothing
// answers, like a server behind a dead network link. Thaw resumes it.
func (p *Prosody) Freeze() { p.signal(syscall.SIGSTOP) }

// Thaw resumes a frozen server (SIGCONT).
func (p *Prosody) Thaw() { p.signal(syscall.SIGCONT) }

func (p *Prosody) signal(sig syscall.Signal) {
	p.t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil {
		p.t.Fatal("prosody is not running")
	}
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("prosody %v: %v", sig, err)
	}
}

// Log returns what the server printed so far, for failure messages.
func (p *Prosody) Log() string {
	b, _ := os.ReadFile(filepath.Join(p.Dir, "prosody.log"))
	return string(b)
}

func prosodyConfig(dir string, port int, p *Prosody, o ProsodyOptions) string {
	var b bytes.Buffer
	q := strconv.Quote
	fmt.Fprintf(&b, `-- Written by the test harness; everything lives in this folder.
run_as_root = true -- tests may run as root; else prosody refuses to start
pidfile = %s
data_path = %s
certificates = %s
log = { { levels = { min = "info" }, to = "console" } }
interfaces = { "127.0.0.1" }
c2s_ports = { %d }
c2s_direct_tls_ports = { }
s2s_ports = { }
component_ports = { }
http_ports = { }
https_ports = { }
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "offline" }
modules_disabled = { "s2s" }
authentication = "internal_hashed"
storage = "internal"
c2s_require_encryption = false -- STARTTLS is offered; clients choose
allow_unencrypted_plain_auth = true
ssl = { key = %s, certificate = %s }

VirtualHost %s

Component %s "muc"
  muc_room_locking = false -- a room made by joining is usable at once
  restrict_room_creation = false
  muc_room_default_public_jids = %t
`, q(filepath.Join(dir, "prosody.pid")), q(filepath.Join(dir, "data")), q(dir), port,
		q(filepath.Join(dir, "localhost.key")), q(p.CAFile), q(p.Domain), q(p.MUCDomain), o.PublicJIDs)
	return b.String()
}

// writeSelfSigned makes a P-256 certificate valid for the given names.
func writeSelfSigned(dir, certPath, keyPath string, names ...string) error {
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o700); err != nil {
		return err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: names[0]},
		DNSNames:              names,
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return err
	}
	return os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
}

// freePort asks the kernel for an unused loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
