package main

import (
	"fmt"

	"codeberg.org/entraide/entraide/internal/testenv"
)

// adaptersTOML is the [xmpp] and [matrix] sections of a bot named "bot" on
// both test servers (passwords come from the environment).
func adaptersTOML(srv *testenv.Prosody, d *testenv.Dendrite, encryption bool) string {
	return fmt.Sprintf(`[xmpp]
enabled = true
address = %q
jid = %q
resource = "bot"
ca_file = %q

[matrix]
enabled = true
homeserver = %q
user_id = %q
encryption = %t`, srv.Addr, srv.JID("bot"), srv.CAFile, d.URL, d.UserID("bot"), encryption)
}
