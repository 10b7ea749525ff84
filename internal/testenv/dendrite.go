package testenv

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

const (
	// DendriteBinEnv names the folder holding dendrite, generate-config,
	// generate-keys and create-account (scripts/build-dendrite prints it).
	DendriteBinEnv = "ENTRAIDE_DENDRITE_BIN"
)

// Dendrite is a throw-away Matrix homeserver (server name "localhost") on a
// free 127.0.0.1 port, with federation off, no rate limiting and SQLite
// files in its own temporary folder.
type Dendrite struct {
	URL        string // http://127.0.0.1:PORT
	ServerName string // "localhost"
	Dir        string

	t      testing.TB
	bin    string
	addr   string
	config string
	cmd    *exec.Cmd
	exited chan struct{}
}

// dendriteBin returns the binaries folder, or skips/fails the test.
func dendriteBin(t testing.TB) string {
	t.Helper()
	bin := os.Getenv(DendriteBinEnv)
	if bin == "" {
		if os.Getenv(EnvIntegration) == "" {
			t.Skipf("%s is not set (run scripts/test, or export %s=$(scripts/build-dendrite))", DendriteBinEnv, DendriteBinEnv)
		}
		t.Fatalf("%s is not set but %s is: the Matrix integration tests cannot run (export %s=$(scripts/build-dendrite))",
			DendriteBinEnv, EnvIntegration, DendriteBinEnv)
	}
	for _, b := range []string{"dendrite", "generate-config", "generate-keys", "create-account"} {
		if _, err := os.Stat(filepath.Join(bin, b)); err != nil {
			t.Fatalf("%s=%s: %v", DendriteBinEnv, bin, err)
		}
	}
	return bin
}

// StartDendrite generates keys and config, starts the server, waits for it
// to answer and creates the given accounts (password: Password(name)). The
// server is stopped when the test ends.
func StartDendrite(t testing.TB, users ...string) *Dendrite {
	t.Helper()
	bin := dendriteBin(t)
	dir := t.TempDir()
	d := &Dendrite{ServerName: "localhost", Dir: dir, t: t, bin: bin, config: filepath.Join(dir, "dendrite.yaml")}
	run(t, filepath.Join(bin, "generate-keys"), "--private-key", filepath.Join(dir, "matrix_key.pem"))
	raw := run(t, filepath.Join(bin, "generate-config"), "-dir", dir, "-server", d.ServerName)
	conf, err := editDendriteConfig(raw, dir)
	if err != nil {
		t.Fatalf("dendrite config: %v", err)
	}
	if err := os.WriteFile(d.config, conf, 0o600); err != nil {
		t.Fatal(err)
	}
	d.addr = FreeLoopbackAddr(t)
	d.URL = "http://" + d.addr
	if err := d.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Stop)
	for _, u := range users {
		d.CreateUser(u)
	}
	return d
}

// editDendriteConfig applies the test settings to a generated config.
func editDendriteConfig(raw []byte, dir string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	set := func(value string, path ...string) error {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(value), &n); err != nil {
			return err
		}
		return setYAML(root, n.Content[0], path...)
	}
	for _, e := range []struct {
		value string
		path  []string
	}{
		{filepath.Join(dir, "matrix_key.pem"), []string{"global", "private_key"}},
		{"true", []string{"global", "disable_federation"}},
		{"[]", []string{"federation_api", "key_perspectives"}},
		{"false", []string{"client_api", "rate_limiting", "enabled"}},
		{`"entraide-test-shared-secret"`, []string{"client_api", "registration_shared_secret"}},
		{"[{type: std, level: warn}]", []string{"logging"}},
	} {
		if err := set(e.value, e.path...); err != nil {
			return nil, fmt.Errorf("%s: %w", strings.Join(e.path, "."), err)
		}
	}
	return yaml.Marshal(&doc)
}

func setYAML(m *yaml.Node, value *yaml.Node, path ...string) error {
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("%s is not a mapping", path[0])
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != path[0] {
			continue
		}
		if len(path) == 1 {
			m.Content[i+1] = value
			return nil
		}
		return setYAML(m.Content[i+1], value, path[1:]...)
	}
	return fmt.Errorf("key %s not found", path[0])
}

// Start starts (or starts again, on the same folder and port) the server
// and waits until its client API answers.
func (d *Dendrite) Start() error {
	logf, err := os.OpenFile(filepath.Join(d.Dir, "dendrite.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(d.bin, "dendrite"), "--config", d.config, "--http-bind-address", d.addr)
	cmd.Dir = d.Dir
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("starting dendrite: %w", err)
	}
	d.cmd = cmd
	d.exited = make(chan struct{})
	go func() { cmd.Wait(); logf.Close(); close(d.exited) }()

	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-d.exited:
			return fmt.Errorf("dendrite exited at start:\n%s", d.LogTail())
		default:
		}
		resp, err := http.Get(d.URL + "/_matrix/client/versions")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	d.Stop()
	return fmt.Errorf("dendrite did not answer on %s within 30 s:\n%s", d.URL, d.LogTail())
}

// Stop terminates the server (SIGTERM, then SIGKILL after 10 s).
func (d *Dendrite) Stop() {
	if d.cmd == nil {
		return
	}
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.exited:
	case <-time.After(10 * time.Second):
		_ = d.cmd.Process.Kill()
		<-d.exited
	}
	d.cmd = nil
}

// Restart stops the server and starts it again with the same data.
func (d *Dendrite) Restart() {
	d.t.Helper()
	d.Stop()
	if err := d.Start(); err != nil {
		d.t.Fatal(err)
	}
}

// CreateUser registers an account with the password Password(name).
func (d *Dendrite) CreateUser(name string) {
	d.t.Helper()
	run(d.t, filepath.Join(d.bin, "create-account"), "--config", d.config, "--username", name,
		"--password", d.Password(name), "-url", d.URL)
}

// UserID is the Matrix id of a local account.
func (d *Dendrite) UserID(name string) string { return "@" + name + ":" + d.ServerName }

// Password is the password CreateUser gives an account.
func (d *Dendrite) Password(name string) string { return name + "-pass-123456" }

// LogTail returns the end of the server's log, for failure messages.
func (d *Dendrite) LogTail() string {
	b, _ := os.ReadFile(filepath.Join(d.Dir, "dendrite.log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.Bytes()
}

// FreeLoopbackAddr picks a free TCP port on 127.0.0.1 (for a test server or an HTTP listener).
func FreeLoopbackAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
