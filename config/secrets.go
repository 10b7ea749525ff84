package config

import (
	"net/url"
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
