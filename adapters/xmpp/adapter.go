package xmpp

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"codeberg.org/entraide/entraide/bot"
	"gosrc.io/xmpp/stanza"
)

// Options configure the adapter. JID and Password are required.
type Options struct {
	Name        string   // adapter name stored with tickets; "xmpp" by default
	Address     string   // "host:port"; empty = the JID's domain (DNS SRV, else port 5222)
	JID         string   // the bot's account, e.g. "entraide@example.org"
	Password    string   // never logged
	Resource    string   // "entraide" by default
	Nick        string   // nickname in rooms; "entraide" by default
	Rooms       []string // rooms to join, e.g. "support@conference.example.org"
	InsecureTLS bool     // accept any server certificate (local test servers only)
	CAFile      string   // PEM file of an extra certificate authority to trust
	// InviteAllow lists who may invite the bot into a room (XEP-0249 or
	// mediated invitations): bare JIDs, or "@example.org" for a whole
	// domain; "*" alone accepts anyone. Empty: the bot's own domain only.
	InviteAllow []string
	// Store remembers handled messages and the rooms joined by invitation
	// across restarts; an in-memory store is used when nil.
	Store  bot.StateStore
	Logger *slog.Logger

	// PingInterval is how often the connection is checked with a XEP-0199
	// ping, which notices a server that went away without a word (30 s).
	PingInterval time.Duration
	// RetryMin and RetryMax bound the reconnect backoff (1 s and 2 min).
	RetryMin, RetryMax time.Duration
	// OfflineMaxAge is how old a 1:1 message kept by the server while the
	// bot was away may be and still get its (late) answer: 24 h by default,
	// negative to never answer such messages. Room history is never answered.
	OfflineMaxAge time.Duration

	// historyStanzas is how much room history to ask for on join: 0 in
	// production; tests set -1 (the room's default) to check that replayed
	// history is still ignored.
	historyStanzas int
	// connectTimeout bounds the TCP dial and, in gosrc.io/xmpp, the wait for
	// the server's goodbye after a failed login (seconds; 5 by default).
	connectTimeout int
}

// Adapter is one XMPP account. It reconnects by itself; Run returns only
// when its context ends or the account cannot log in at all.
type Adapter struct {
	o     Options
	bare  string // the bot's bare JID
	tls   *tls.Config
	log   *slog.Logger
	store bot.StateStore

	connected atomic.Bool
	delayed   atomic.Int64 // delayed messages dropped, for logs and tests

	mu    sync.Mutex
	sess  *session         // nil while disconnected
	rooms map[string]*room // bare room JID → state

	incoming chan stanza.Message
}

var (
	_ bot.Adapter        = (*Adapter)(nil)
	_ bot.StatusReporter = (*Adapter)(nil)
)

// ErrNotConnected is returned by Send while the connection is down.
var ErrNotConnected = errors.New("xmpp: not connected")

// New checks the options and prepares the adapter; it does not connect.
func New(o Options) (*Adapter, error) {
	if o.Name == "" {
		o.Name = "xmpp"
	}
	bare, res := splitJID(o.JID)
	if err := checkBareJID("xmpp.jid", bare); err != nil {
		return nil, err
	}
	if o.Resource == "" {
		o.Resource = res
	}
	if o.Resource == "" {
		o.Resource = "entraide"
	}
	if o.Nick == "" {
		o.Nick = "entraide"
	}
	if o.Password == "" {
		return nil, errors.New("xmpp: missing password (xmpp.password or ENTRAIDE_XMPP_PASSWORD)")
	}
	if o.connectTimeout <= 0 {
		o.connectTimeout = 5
	}
	if o.PingInterval <= 0 {
		o.PingInterval = 30 * time.Second
	}
	if o.OfflineMaxAge == 0 {
		o.OfflineMaxAge = 24 * time.Hour
	}
	if o.RetryMin <= 0 {
		o.RetryMin = time.Second
	}
	if o.RetryMax < o.RetryMin {
		o.RetryMax = max(2*time.Minute, o.RetryMin)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Store == nil {
		o.Store = newMemStore()
	}
	for _, w := range o.InviteAllow {
		if strings.HasPrefix(w, "@") && len(w) > 1 || w == "*" && len(o.InviteAllow) == 1 {
			continue
		}
		if err := checkBareJID("xmpp.invite_allow entry", w); err != nil {
			return nil, err
		}
	}
	if len(o.InviteAllow) == 0 {
		o.InviteAllow = []string{"@" + domainOf(bare)} // the bot's own domain, as on Matrix
	}
	rule := strings.Join(o.InviteAllow, ", ")
	if o.InviteAllow[0] == "*" {
		rule = "anyone"
	}
	o.Logger.Info("xmpp: invitations accepted from", "adapter", o.Name, "invite_allow", rule)
	a := &Adapter{
		o: o, bare: bare, log: o.Logger.With("adapter", o.Name), store: o.Store,
		rooms:    map[string]*room{},
		incoming: make(chan stanza.Message, 256),
	}
	for _, r := range o.Rooms {
		if err := checkBareJID("xmpp.rooms entry", r); err != nil {
			return nil, err
		}
		a.rooms[bareJID(r)] = newRoom(bareJID(r), o.Nick, "", false)
	}
	tc, err := tlsConfig(o, domainOf(bare))
	if err != nil {
		return nil, err
	}
	a.tls = tc
	return a, nil
}

func tlsConfig(o Options, domain string) (*tls.Config, error) {
	c := &tls.Config{ServerName: domain, MinVersion: tls.VersionTLS12, InsecureSkipVerify: o.InsecureTLS}
	if o.CAFile != "" {
		pem, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, fmt.Errorf("xmpp.ca_file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("xmpp.ca_file %s: no PEM certificate in it", o.CAFile)
		}
		c.RootCAs = pool
	}
	return c, nil
}

// Name implements bot.Adapter.
func (a *Adapter) Name() string { return a.o.Name }

// Connected implements bot.StatusReporter.
func (a *Adapter) Connected() bool { return a.connected.Load() }

// Run implements bot.Adapter: it connects, joins the rooms, and on every
// loss of the connection reconnects with a growing delay and joins them
// again. A loss is logged once, not once per attempt. When it returns, no
// goroutine of the adapter is left running.
func (a *Adapter) Run(ctx context.Context, in bot.Inbox) error {
	w := &workers{}
	defer w.stop() // after cancel, which ends them
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	a.loadInvited(ctx)
	w.run(func() { a.deliver(ctx, in) })

	var (
		failures int       // failed attempts since the last success
		lostAt   time.Time // when the connection went down (zero before the first one)
		everUp   bool
		// quickLosses counts connections in a row lost soon after login
		// (another client kicking us off on the same resource, a server
		// that drops us after auth): the pause after each one doubles.
		quickLosses int
	)
	for {
		s, err := a.dial(ctx, w)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if hint := configHint(err); !everUp && hint != "" {
				return fmt.Errorf("cannot log in as %s: %w (%s)", a.bare, err, hint)
			}
			if failures == 0 && lostAt.IsZero() {
				a.log.Warn("xmpp: cannot connect; retrying in the background", "address", a.address(), "err", err)
			} else {
				a.log.Debug("xmpp: connection attempt failed", "attempt", failures+1, "err", err)
			}
			failures++
			if !sleep(ctx, a.backoff(failures)) {
				return nil
			}
			continue
		}
		rooms := a.up(s)
		switch {
		case !lostAt.IsZero():
			a.log.Info("xmpp: reconnected; rejoining rooms", "down_for", time.Since(lostAt).Round(time.Millisecond),
				"attempts", failures+1, "rooms", rooms)
		case failures > 0:
			a.log.Info("xmpp: connected", "jid", a.bare, "attempts", failures+1, "rooms", rooms)
		default:
			a.log.Info("xmpp: connected", "jid", a.bare, "rooms", rooms)
		}
		everUp, failures, lostAt = true, 0, time.Time{}
		upAt := time.Now()
		w.run(func() { a.keepChecking(ctx, s) })

		select {
		case <-ctx.Done():
			a.down(s)
			s.close()
			return nil
		case <-s.lost:
		}
		a.down(s)
		w.run(s.close) // may wait for a dead server; the next attempt need not
		lostAt = time.Now()
		a.log.Warn("xmpp: connection lost; reconnecting", "err", s.why)
		if lostAt.Sub(upAt) < stableAfter {
			quickLosses++
		} else {
			quickLosses = 1
		}
		if !sleep(ctx, a.backoff(quickLosses)) {
			return nil
		}
	}
}

// stableAfter is how long a connection must last before its loss counts as
// an accident rather than one more of a series.
const stableAfter = time.Minute

func (a *Adapter) address() string {
	if a.o.Address != "" {
		return a.o.Address
	}
	return domainOf(a.bare)
}

// backoff is the wait after n failed attempts: RetryMin doubling up to
// RetryMax, with ±25 % jitter so many bots do not hammer a restarted server
// at once. After a loss n counts the losses in a row: the first pause is
// RetryMin (a server shutting down still accepts logins for a moment, so the
// first attempt is not immediate), then it doubles.
func (a *Adapter) backoff(n int) time.Duration {
	d := a.o.RetryMin
	for i := 1; i < n && d < a.o.RetryMax; i++ {
		d *= 2
	}
	d = min(d, a.o.RetryMax)
	return time.Duration(float64(d) * (0.75 + mrand.Float64()/2))
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// configHint tells a mistake that retrying cannot fix (password,
// certificate, a server without TLS) from a server that is just away, and
// says what to check; "" means try again later.
func configHint(err error) string {
	s := err.Error()
	switch {
	case strings.Contains(s, "auth failure"):
		return "the server refused the password: check xmpp.password or " + "ENTRAIDE_XMPP_PASSWORD"
	case strings.Contains(s, "x509:"):
		return "the server certificate is not trusted: set xmpp.ca_file, or xmpp.insecure_tls for a local test server"
	case strings.Contains(s, "does not advertise support for starttls"):
		return "the server offers no TLS; the bot will not send its password in clear"
	}
	return ""
}

// up makes s the current connection and joins every room; it returns how
// many rooms it asked to join.
func (a *Adapter) up(s *session) int {
	a.mu.Lock()
	a.sess = s
	rooms := make([]*room, 0, len(a.rooms))
	for _, r := range a.rooms {
		r.reset()
		rooms = append(rooms, r)
	}
	a.mu.Unlock()
	a.connected.Store(true)
	for _, r := range rooms {
		a.sendJoin(s, r)
	}
	return len(rooms)
}

func (a *Adapter) down(s *session) {
	a.connected.Store(false)
	a.mu.Lock()
	if a.sess == s {
		a.sess = nil
	}
	for _, r := range a.rooms {
		r.reset()
	}
	a.mu.Unlock()
}

func (a *Adapter) current() *session {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.sess
}

// DirectRoom implements bot.DirectRoomer: a chat message to the bare JID,
// which the server delivers to the user's clients.
func (a *Adapter) DirectRoom(_ context.Context, userID string) (bot.Room, error) {
	jid := bareJID(userID)
	if !strings.Contains(jid, "@") {
		return bot.Room{}, fmt.Errorf("xmpp: %q is not a JID", userID)
	}
	return bot.Room{Adapter: a.o.Name, ID: jid, Name: localpart(jid), Direct: true}, nil
}

// Send implements bot.Adapter. Markdown is flattened to plain text; in a
// room the addressee is named first ("alice: ..."), as XMPP users expect.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) (string, error) {
	if r.Room.Adapter != "" && r.Room.Adapter != a.o.Name {
		return "", fmt.Errorf("xmpp: room %s belongs to adapter %q", r.Room.ID, r.Room.Adapter)
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s, err := a.waitSession(ctx)
	if err != nil {
		return "", err
	}
	text := bot.PlainText(r.Text)
	id := newID()
	var msg stanza.Message
	if r.Room.Direct {
		msg = stanza.NewMessage(stanza.Attrs{Type: stanza.MessageTypeChat, To: r.Room.ID, Id: id})
	} else {
		rm, err := a.waitJoined(ctx, bareJID(r.Room.ID))
		if err != nil {
			return "", err
		}
		if r.Mention != nil {
			text = rm.nickFor(*r.Mention) + ": " + text
		}
		msg = stanza.NewMessage(stanza.Attrs{Type: stanza.MessageTypeGroupchat, To: rm.jid, Id: id})
	}
	msg.Body = text
	msg.Extensions = append(msg.Extensions, originID{ID: id})
	if err := s.send(msg); err != nil {
		return "", fmt.Errorf("xmpp: send to %s: %w", r.Room.ID, err)
	}
	return id, nil
}

// sessionWait is how long a reply waits for the connection. Messages the
// server kept for the bot arrive while the session is still being set up,
// and a reply during a short reconnect is better late than lost.
const sessionWait = 5 * time.Second

// waitSession returns the live session, waiting up to sessionWait for one.
func (a *Adapter) waitSession(ctx context.Context) (*session, error) {
	deadline := time.NewTimer(sessionWait)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if s := a.current(); s != nil {
			return s, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w (%v)", ErrNotConnected, ctx.Err())
		case <-deadline.C:
			return nil, ErrNotConnected
		case <-tick.C:
		}
	}
}

// waitJoined returns the room once the bot is in it. Right after a
// reconnect the join may still be under way, so it waits a little.
func (a *Adapter) waitJoined(ctx context.Context, jid string) (*room, error) {
	deadline := time.NewTimer(5 * time.Second)
	defer deadline.Stop()
	for {
		a.mu.Lock()
		r := a.rooms[jid]
		if r == nil {
			a.mu.Unlock()
			return nil, fmt.Errorf("xmpp: the bot is not a member of room %s (add it to xmpp.rooms)", jid)
		}
		joined, changed := r.joined, r.changed
		a.mu.Unlock()
		if joined {
			return r, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-deadline.C:
			return nil, fmt.Errorf("xmpp: not (yet) in room %s", jid)
		}
	}
}

func newID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
