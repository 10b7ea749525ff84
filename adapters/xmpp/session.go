package xmpp

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"gosrc.io/xmpp"
	"gosrc.io/xmpp/stanza"
)

// session is one connection. gosrc.io/xmpp reports a broken connection or
// a stream error through its error handler (its state events carry the
// same news), but not a stream the server closed politely, so a periodic
// ping covers that case.
type session struct {
	client *xmpp.Client
	work   *workers      // the Run's: handlers and what they start count in it
	lost   chan struct{} // closed once the connection is unusable
	once   sync.Once
	why    error

	sendMu sync.Mutex // one writer at a time on the stream
}

func (s *session) fail(err error) {
	s.once.Do(func() {
		s.why = err
		close(s.lost)
	})
}

func (s *session) send(p stanza.Packet) error {
	select {
	case <-s.lost:
		return ErrNotConnected
	default:
	}
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	return s.client.Send(p)
}

func (s *session) close() { _ = s.client.Disconnect() }

// dial opens a connection: TCP, STARTTLS, SASL PLAIN, resource binding and
// the initial presence. Its handlers count as workers of w and give up when
// ctx ends: the library runs each in a goroutine of its own, and a message
// handler waits while the queue is full.
func (a *Adapter) dial(ctx context.Context, w *workers) (*session, error) {
	s := &session{work: w, lost: make(chan struct{})}
	router := xmpp.NewRouter()
	router.HandleFunc("message", func(_ xmpp.Sender, p stanza.Packet) {
		if !w.enter() {
			return
		}
		defer w.leave()
		if m, ok := p.(stanza.Message); ok {
			select {
			case a.incoming <- m:
			case <-s.lost:
			case <-ctx.Done():
			}
		}
	})
	router.HandleFunc("presence", func(_ xmpp.Sender, p stanza.Packet) {
		if !w.enter() {
			return
		}
		defer w.leave()
		if pr, ok := p.(stanza.Presence); ok {
			a.onPresence(s, pr)
		}
	})
	cfg := &xmpp.Config{
		TransportConfiguration: xmpp.TransportConfiguration{Address: a.o.Address, TLSConfig: a.tls},
		Jid:                    a.bare + "/" + a.o.Resource,
		Credential:             xmpp.Password(a.o.Password),
		ConnectTimeout:         a.o.connectTimeout,
	}
	client, err := xmpp.NewClient(cfg, router, func(err error) { s.fail(plainErr(err)) })
	if err != nil {
		return nil, plainErr(err)
	}
	if err := client.Connect(); err != nil {
		return nil, plainErr(err)
	}
	s.client = client
	// One round trip before calling the session up: the server handles a
	// connection's stanzas in order, so once the ping is answered it has
	// taken our initial presence, and messages sent from now on reach us
	// live instead of going to offline storage (which comes back delayed,
	// and is ignored).
	if err := a.ping(ctx, s, time.Duration(a.o.connectTimeout)*time.Second); err != nil {
		w.run(s.close)
		return nil, err
	}
	return s, nil
}

// keepChecking pings the server every PingInterval until the session ends,
// and declares it lost when a ping goes unanswered.
func (a *Adapter) keepChecking(ctx context.Context, s *session) {
	t := time.NewTicker(a.o.PingInterval)
	defer t.Stop()
	timeout := min(a.o.PingInterval, 10*time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.lost:
			return
		case <-t.C:
		}
		if err := a.ping(ctx, s, timeout); err != nil && ctx.Err() == nil {
			s.fail(err)
			return
		}
	}
}

func (a *Adapter) ping(ctx context.Context, s *session, timeout time.Duration) error {
	iq, err := stanza.NewIQ(stanza.Attrs{Type: stanza.IQTypeGet, To: domainOf(a.bare)})
	if err != nil {
		return err
	}
	iq.Payload = &ping{}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	s.sendMu.Lock()
	ch, err := s.client.SendIQ(ctx, iq)
	s.sendMu.Unlock()
	if err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	select {
	case <-ch: // a result or an error reply: either way the server is there
		return nil
	case <-s.lost:
		return nil
	case <-ctx.Done():
		return errors.New("ping: no answer from the server")
	}
}

// plainErr drops the call-site frame gosrc.io/xmpp adds to its errors, which
// would spread each log line over three.
func plainErr(err error) error {
	var ce xmpp.ConnError
	if errors.As(err, &ce) {
		if inner := ce.Unwrap(); inner != nil {
			return inner
		}
	}
	return err
}
