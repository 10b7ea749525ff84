package xmpp

import (
	"fmt"
	"strings"
)

// splitJID cuts "local@domain/resource" into its bare part and resource.
// The resource may itself hold "@" or "/" (a room nickname can).
func splitJID(jid string) (bare, resource string) {
	bare, resource, _ = strings.Cut(jid, "/")
	return strings.ToLower(bare), resource
}

// bareJID is the address without resource, lower-cased so it compares
// equal to what the server reports (localpart and domain are
// case-insensitive in practice).
func bareJID(jid string) string {
	b, _ := splitJID(jid)
	return b
}

// localpart is the part before "@", a readable default name for a user.
func localpart(jid string) string {
	b, _ := splitJID(jid)
	if l, _, ok := strings.Cut(b, "@"); ok {
		return l
	}
	return b
}

// domainOf is the part after "@".
func domainOf(jid string) string {
	b, _ := splitJID(jid)
	_, d, ok := strings.Cut(b, "@")
	if !ok {
		return b
	}
	return d
}

// checkBareJID rejects what cannot be a user or room address.
func checkBareJID(what, jid string) error {
	b, res := splitJID(jid)
	l, d, ok := strings.Cut(b, "@")
	switch {
	case jid == "":
		return fmt.Errorf("%s is empty", what)
	case !ok || l == "" || d == "" || strings.ContainsAny(b, " \t"):
		return fmt.Errorf("%s %q is not an address like name@example.org", what, jid)
	case res != "":
		return fmt.Errorf("%s %q must not have a /resource", what, jid)
	}
	return nil
}
