package matrix

import (
	"context"
	"errors"
	"fmt"
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
	err := a.retry(ctx, "login", func() error {
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
		a.log.Warn("matrix: stored access token was revoked, logging in again with the same device", "device", device)
		cli.AccessToken = ""
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

// retry runs fn until it succeeds, fails with an answer from the server
// (bad password, revoked token: retrying would not help), or ctx ends.
// Network failures are retried with exponential backoff and logged once.
func (a *Adapter) retry(ctx context.Context, what string, fn func() error) error {
	wait := 500 * time.Millisecond
	logged := false
	for {
		err := fn()
		if err == nil {
			if logged {
				a.log.Info("matrix homeserver reachable again", "step", what)
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var he mautrix.HTTPError
		if errors.As(err, &he) && he.RespError != nil && !retryableStatus(he) {
			return err
		}
		if !logged {
			a.log.Warn("matrix homeserver unreachable, retrying with backoff", "step", what, "err", err)
			logged = true
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, a.opts.MaxBackoff)
	}
}

// retryableStatus reports server answers that mean "later", not "no".
func retryableStatus(he mautrix.HTTPError) bool {
	if he.Response == nil {
		return true
	}
	c := he.Response.StatusCode
	return c == 429 || c >= 500
}
