package testenv

import (
	"crypto/tls"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gosrc.io/xmpp"
	"gosrc.io/xmpp/stanza"
)

// XMPPUser is a person in the tests (alice, bob): a plain XMPP client on
// the test server, independent of the adapter under test. Its methods fail
// the test on error.
type XMPPUser struct {
	t    testing.TB
	name string
	jid  string
	c    *xmpp.Client
	msgs chan stanza.Message
	pres chan stanza.Presence
	seq  atomic.Int64
}

// ConnectXMPP logs name in on srv (STARTTLS, certificate not checked).
func ConnectXMPP(t testing.TB, srv *Prosody, name, password string) *XMPPUser {
	t.Helper()
	u := &XMPPUser{t: t, name: name, jid: srv.JID(name),
		msgs: make(chan stanza.Message, 1000), pres: make(chan stanza.Presence, 1000)}
	router := xmpp.NewRouter()
	router.HandleFunc("message", func(_ xmpp.Sender, p stanza.Packet) {
		if m, ok := p.(stanza.Message); ok {
			u.msgs <- m
		}
	})
	router.HandleFunc("presence", func(_ xmpp.Sender, p stanza.Packet) {
		if pr, ok := p.(stanza.Presence); ok {
			u.pres <- pr
		}
	})
	cfg := &xmpp.Config{
		TransportConfiguration: xmpp.TransportConfiguration{Address: srv.Addr, TLSConfig: &tls.Config{InsecureSkipVerify: true}},
		Jid:                    u.jid + "/test",
		Credential:             xmpp.Password(password),
		ConnectTimeout:         5,
	}
	c, err := xmpp.NewClient(cfg, router, func(error) {})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Connect(); err != nil {
		t.Fatalf("%s cannot connect: %v", name, err)
	}
	u.c = c
	t.Cleanup(func() { go c.Disconnect() })
	return u
}

func (u *XMPPUser) nextID() string {
	return fmt.Sprintf("%s-%d-%d", u.name, time.Now().UnixNano(), u.seq.Add(1))
}

func (u *XMPPUser) send(p stanza.Packet) {
	u.t.Helper()
	if err := u.c.Send(p); err != nil {
		u.t.Fatalf("%s send: %v", u.name, err)
	}
}

// Raw sends hand-written XML (for stanzas the library cannot build).
func (u *XMPPUser) Raw(xml string) {
	u.t.Helper()
	if err := u.c.SendRaw(xml); err != nil {
		u.t.Fatalf("%s send: %v", u.name, err)
	}
}

// Join enters a room and waits for the room to confirm it.
func (u *XMPPUser) Join(room string) {
	u.t.Helper()
	p := stanza.NewPresence(stanza.Attrs{To: room + "/" + u.name})
	p.Extensions = append(p.Extensions, stanza.MucPresence{History: stanza.History{MaxStanzas: stanza.NewNullableInt(0)}})
	u.send(p)
	u.WaitPresence(room+"/"+u.name, "", 5*time.Second)
}

// Say posts in a room and returns the message id.
func (u *XMPPUser) Say(room, body string) string {
	u.t.Helper()
	id := u.nextID()
	m := stanza.NewMessage(stanza.Attrs{Type: stanza.MessageTypeGroupchat, To: room, Id: id})
	m.Body = body
	u.send(m)
	return id
}

// Chat sends a 1:1 message.
func (u *XMPPUser) Chat(to, body string) string {
	u.t.Helper()
	id := u.nextID()
	m := stanza.NewMessage(stanza.Attrs{Type: stanza.MessageTypeChat, To: to, Id: id})
	m.Body = body
	u.send(m)
	return id
}

// WaitPresence waits for a presence from the full JID from, of the given
// type ("" = available).
func (u *XMPPUser) WaitPresence(from string, typ stanza.StanzaType, timeout time.Duration) stanza.Presence {
	u.t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case p := <-u.pres:
			if p.From == from && p.Type == typ {
				return p
			}
		case <-deadline:
			u.t.Fatalf("%s: no presence %q from %s within %s", u.name, typ, from, timeout)
		}
	}
}

// WaitBody waits for a message from "from" (a full or bare JID) whose body
// contains want, skipping others.
func (u *XMPPUser) WaitBody(from, want string, timeout time.Duration) stanza.Message {
	u.t.Helper()
	deadline := time.After(timeout)
	var seen []string
	for {
		select {
		case m := <-u.msgs:
			if m.Body == "" {
				continue
			}
			if matchFrom(m.From, from) && strings.Contains(m.Body, want) {
				return m
			}
			seen = append(seen, m.From+": "+m.Body)
		case <-deadline:
			u.t.Fatalf("%s: no message from %s containing %q within %s; got %q", u.name, from, want, timeout, seen)
		}
	}
}

// Next returns the next message with a body from "from".
func (u *XMPPUser) Next(from string, timeout time.Duration) stanza.Message {
	u.t.Helper()
	return u.WaitBody(from, "", timeout)
}

// Quiet checks that nothing with a body comes from "from" for d.
func (u *XMPPUser) Quiet(from string, d time.Duration) {
	u.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case m := <-u.msgs:
			if m.Body != "" && matchFrom(m.From, from) {
				u.t.Fatalf("%s: unexpected message from %s: %q", u.name, m.From, m.Body)
			}
		case <-deadline:
			return
		}
	}
}

func matchFrom(got, want string) bool {
	if strings.Contains(want, "/") {
		return got == want
	}
	b, _, _ := strings.Cut(got, "/")
	return b == want
}

// Collect returns the bodies of every message from "from" that arrives
// within d (messages still on their way, e.g. from a process just killed).
func (u *XMPPUser) Collect(from string, d time.Duration) []string {
	var out []string
	deadline := time.After(d)
	for {
		select {
		case m := <-u.msgs:
			if m.Body != "" && matchFrom(m.From, from) {
				out = append(out, m.Body)
			}
		case <-deadline:
			return out
		}
	}
}
