package xmpp

import (
	"encoding/xml"

	"gosrc.io/xmpp/stanza"
)

// XML namespaces of the extensions the adapter reads or writes; gosrc.io/xmpp
// v0.5.1 knows none of them, so they are registered with its stanza registry.
const (
	nsDelay       = "urn:xmpp:delay"                      // XEP-0203
	nsLegacyDelay = "jabber:x:delay"                      // XEP-0091, still sent by old servers
	nsMUCUser     = "http://jabber.org/protocol/muc#user" // XEP-0045
	nsConference  = "jabber:x:conference"                 // XEP-0249 direct invitations
	nsSID         = "urn:xmpp:sid:0"                      // XEP-0359 stanza and origin ids
	nsPing        = "urn:xmpp:ping"                       // XEP-0199
)

// delay marks a message delivered late: room history, offline storage.
type delay struct {
	XMLName xml.Name
	Stamp   string `xml:"stamp,attr"`
}

// mucUser is the <x/> a room adds to occupant presence and to mediated
// invitations.
type mucUser struct {
	XMLName xml.Name    `xml:"http://jabber.org/protocol/muc#user x"`
	Items   []mucItem   `xml:"item"`
	Status  []mucStatus `xml:"status"`
	Invite  *mucInvite  `xml:"invite"`
}

type mucItem struct {
	JID         string `xml:"jid,attr"`
	Nick        string `xml:"nick,attr"`
	Role        string `xml:"role,attr"`
	Affiliation string `xml:"affiliation,attr"`
}

type mucStatus struct {
	Code int `xml:"code,attr"`
}

type mucInvite struct {
	From     string `xml:"from,attr"`
	Reason   string `xml:"reason"`
	Password string `xml:"password"`
}

// MUC status codes used here (XEP-0045 §15.6).
const (
	statusSelf   = 110 // this presence is about us
	statusBanned = 301
	statusNick   = 303 // nickname changed; item nick= has the new one
	statusKicked = 307
)

func (u *mucUser) has(code int) bool {
	for _, s := range u.Status {
		if s.Code == code {
			return true
		}
	}
	return false
}

// directInvite is a XEP-0249 invitation sent by a user to the bot.
type directInvite struct {
	XMLName  xml.Name `xml:"jabber:x:conference x"`
	JID      string   `xml:"jid,attr"`
	Password string   `xml:"password,attr"`
	Reason   string   `xml:"reason,attr"`
}

// stanzaID is an id given by the entity named in By (a room, our own
// server's archive); only then is it trusted for deduplication.
type stanzaID struct {
	XMLName xml.Name `xml:"urn:xmpp:sid:0 stanza-id"`
	ID      string   `xml:"id,attr"`
	By      string   `xml:"by,attr"`
}

// originID is the id the sending client gave its message; it survives
// rooms and servers rewriting the stanza's own id.
type originID struct {
	XMLName xml.Name `xml:"urn:xmpp:sid:0 origin-id"`
	ID      string   `xml:"id,attr"`
}

// ping is a XEP-0199 ping, used to notice a silently dead connection.
type ping struct {
	XMLName xml.Name `xml:"urn:xmpp:ping ping"`
}

func (ping) Namespace() string         { return nsPing }
func (ping) GetSet() *stanza.ResultSet { return nil }

func init() {
	r := stanza.TypeRegistry
	r.MapExtension(stanza.PKTMessage, xml.Name{Space: nsDelay, Local: "delay"}, delay{})
	r.MapExtension(stanza.PKTMessage, xml.Name{Space: nsLegacyDelay, Local: "x"}, delay{})
	r.MapExtension(stanza.PKTMessage, xml.Name{Space: nsMUCUser, Local: "x"}, mucUser{})
	r.MapExtension(stanza.PKTPresence, xml.Name{Space: nsMUCUser, Local: "x"}, mucUser{})
	r.MapExtension(stanza.PKTMessage, xml.Name{Space: nsConference, Local: "x"}, directInvite{})
	r.MapExtension(stanza.PKTMessage, xml.Name{Space: nsSID, Local: "stanza-id"}, stanzaID{})
	r.MapExtension(stanza.PKTMessage, xml.Name{Space: nsSID, Local: "origin-id"}, originID{})
	r.MapExtension(stanza.PKTIQ, xml.Name{Space: nsPing, Local: "ping"}, ping{})
}
