package testenv

import (
	"net"
	"strings"
	"testing"
)

func TestProsodyStartRestartStop(t *testing.T) {
	p := StartProsody(t, ProsodyOptions{Users: map[string]string{"alice": "pw"}})
	dial := func() error {
		c, err := net.Dial("tcp", p.Addr)
		if err == nil {
			c.Close()
		}
		return err
	}
	if err := dial(); err != nil {
		t.Fatalf("port closed after start: %v", err)
	}
	p.Restart()
	if err := dial(); err != nil {
		t.Fatalf("port closed after restart: %v", err)
	}
	p.Stop()
	if err := dial(); err == nil {
		t.Fatal("port still open after stop")
	}
	if !strings.Contains(p.Log(), "Activated service 'c2s'") {
		t.Fatalf("log does not show the c2s service:\n%s", p.Log())
	}
	if host, _, _ := net.SplitHostPort(p.Addr); host != "127.0.0.1" {
		t.Fatalf("listens on %s, want loopback", p.Addr)
	}
}
