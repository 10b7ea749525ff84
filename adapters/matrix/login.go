package matrix

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"
)

// Keys of the adapter's small state, in the StateStore namespace named after
// the adapter. The access token is a secret: it is stored, never logged.
const (
	keyAccount = "account" // user id the stored device and token belong to
	keyDevice  = "device_id"
	keyToken   = "access_token"
)

// connect returns a logged-in client. It reuses the stored device and token
// so a restart does not add a device (and a new set of keys) each time, and
// waits with backoff while the homeserver cannot be reached.
func (a *Adapter) connect(ctx context.Context) (*mautrix.Client, error) {
	var cli *mautrix.Client
	err := a.retry(ctx, true, func() error {
		var err error
		cli, err = a.login(ctx)
		return err
	})
	return cli, err
}

func (a *Adapter) login(ctx context.Context) (*mautrix.Client, error) {
	ns := a.opts.Name
	get := func(k string) string {
		v, _, _ := a.opts.State.Get(ctx, ns, k)
		return v
	}
	account, device, token := get(keyAccount), get(keyDevice), get(keyToken)
	if account != a.userID.String() {
		device, token = "", ""
	}
	cli, err := mautrix.NewClient(a.opts.Homeserver, a.userID, "")
	if err != nil {
		return nil, fmt.Errorf("matrix: homeserver %q: %w", a.opts.Homeserver, err)
	}
	cli.Log = newZeroLogger(a.log)

	if a.opts.AccessToken != "" {
		token = a.opts.AccessToken
	}
	if token != "" {
		cli.AccessToken = token
		who, err := cli.Whoami(ctx)
		switch {
		case err == nil:
			if who.UserID != a.userID {
				return nil, fmt.Errorf("matrix: the access token belongs to %s, not %s", who.UserID, a.userID)
			}
			cli.DeviceID = who.DeviceID
			return cli, a.saveLogin(ctx, cli)
		case !errors.Is(err, mautrix.MUnknownToken) || a.opts.Password == "":
			return nil, fmt.Errorf("matrix: checking the access token: %w", err)
		}
		// A logout deletes the device with its keys: come back as a new one.
		a.log.Warn("matrix: the access token was revoked (session logged out?), logging in again as a new device", "old_device", device)
		cli.AccessToken = ""
		device = ""
	}
	_, err = cli.Login(ctx, &mautrix.ReqLogin{
		Type:                     mautrix.AuthTypePassword,
		Identifier:               mautrix.UserIdentifier{Type: mautrix.IdentifierTypeUser, User: a.userID.String()},
		Password:                 a.opts.Password,
		DeviceID:                 id.DeviceID(device),
		InitialDeviceDisplayName: a.opts.DeviceName,
		StoreCredentials:         true,
	})
	if err != nil {
		return nil, fmt.Errorf("matrix: login as %s: %w", a.userID, err)
	}
	return cli, a.saveLogin(ctx, cli)
}

func (a *Adapter) saveLogin(ctx context.Context, cli *mautrix.Client) error {
	ns := a.opts.Name
	for k, v := range map[string]string{keyAccount: cli.UserID.String(), keyDevice: cli.DeviceID.String(), keyToken: cli.AccessToken} {
		if err := a.opts.State.Put(ctx, ns, k, v); err != nil {
			return fmt.Errorf("matrix: saving the login: %w", err)
		}
	}
	return nil
}

// retry runs fn until it succeeds, fails for good, or ctx ends, waiting
// 0.5 s, 1 s, 2 s... up to MaxBackoff in between. A server answer that
// means "no" (bad password, revoked token) is final. When idempotent is
// false (sending a message), only failures where the request surely did not
// land are retried: a homeserver that dies after storing the message but
// before answering forgets the transaction id, so a retry would post twice.
func (a *Adapter) retry(ctx context.Context, idempotent bool, fn func() error) error {
	wait := 500 * time.Millisecond
	for {
		err := fn()
		if err == nil || ctx.Err() != nil || !transient(err, idempotent) {
			return err
		}
		a.markDown(err)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait = min(wait*2, a.opts.MaxBackoff)
	}
}

// transient reports whether err means "try again later": the homeserver
// could not be reached or asked to wait. Errors of our own making (a token
// for another user, a bad answer) are never transient.
func transient(err error, idempotent bool) bool {
	var he mautrix.HTTPError
	if !errors.As(err, &he) {
		return false
	}
	if he.Response != nil {
		switch code := he.Response.StatusCode; {
		case code == 429 || code == 502 || code == 503 || code == 504:
			return true
		case code >= 500:
			return idempotent
		case code >= 400:
			return false
		}
		return idempotent // a success whose body could not be read
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true // the request never left
	}
	return idempotent && !errors.Is(err, context.Canceled)
}

// markDown logs a lost connection once, however many retries follow;
// markUp logs the recovery once. The sync loop, logins and sends share them.
func (a *Adapter) markDown(err error) {
	a.connected.Store(false)
	if a.down.CompareAndSwap(false, true) {
		a.log.Warn("matrix homeserver unreachable, retrying with backoff", "err", err)
	}
}

func (a *Adapter) markUp() {
	a.connected.Store(true)
	if a.down.CompareAndSwap(true, false) {
		a.log.Info("matrix homeserver reachable again")
	}
}
