package config

// Secrets lists the configured secret values (passwords, tokens, keys),
// so the logger can make sure none of them is ever printed.
func (c *Config) Secrets() []string {
	var out []string
	for _, s := range []string{c.Matrix.Password, c.Matrix.AccessToken, c.Matrix.PickleKey, c.XMPP.Password} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
