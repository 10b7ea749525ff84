package config

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Secrets lists the configured secret values (passwords, tokens, keys),
// so the logger can make sure none of them is ever printed.
func (c *Config) Secrets() []string {
	var out []string
	for _, s := range []string{c.Matrix.Password, c.Matrix.AccessToken, c.Matrix.PickleKey, c.XMPP.Password,
		c.Bot.DatabasePassword, urlPassword(c.Bot.Database), c.Web.SessionKey} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// IsDatabaseURL reports whether bot.database names a Postgres server
// (postgres://... or postgresql://...) rather than a SQLite file.
func IsDatabaseURL(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

// sslModes are the sslmode values PostgreSQL clients accept.
var sslModes = []string{"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}

// DatabaseURLProblem says what is wrong with a postgres:// URL, or "" when
// it reads well. It never quotes the password.
func DatabaseURLProblem(database string) string {
	u, err := url.Parse(database)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return ue.Err.Error() // without the URL, which holds the password
		}
		return "not a URL"
	}
	if u.Hostname() == "" {
		return "no host (postgres://USER@HOST:PORT/DATABASE)"
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return fmt.Sprintf("port %q is not a number from 1 to 65535", p)
		}
	}
	if m := u.Query().Get("sslmode"); u.Query().Has("sslmode") && !slices.Contains(sslModes, m) {
		return fmt.Sprintf("sslmode %q must be one of %s", m, strings.Join(sslModes, ", "))
	}
	return ""
}

// urlPassword is the password written in a database URL, if any.
func urlPassword(database string) string {
	if !IsDatabaseURL(database) {
		return ""
	}
	u, err := url.Parse(database)
	if err != nil || u.User == nil {
		return ""
	}
	p, _ := u.User.Password()
	return p
}
