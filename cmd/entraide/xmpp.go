package main

import (
	"codeberg.org/entraide/entraide/adapters/xmpp"
	"codeberg.org/entraide/entraide/bot"
	"codeberg.org/entraide/entraide/config"
)

// xmppRooms are the rooms the XMPP adapter joins: those of [xmpp] and
// every community's XMPP rooms, mentors' rooms included, once each.
func xmppRooms(cfg *config.Config) []string {
	out := append([]string(nil), cfg.XMPP.Rooms...)
	seen := map[string]bool{}
	for _, r := range out {
		seen[r] = true
	}
	add := func(adapter, id string) {
		if adapter == "xmpp" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, g := range cfg.Communities {
		for _, r := range g.Rooms {
			add(r.Adapter, r.ID)
		}
		add(g.MentorsRoom.Adapter, g.MentorsRoom.ID)
	}
	return out
}

// newXMPP builds the XMPP adapter of [xmpp].
func newXMPP(a *app) (bot.Adapter, error) {
	c := a.cfg.XMPP
	return xmpp.New(xmpp.Options{
		Name:        "xmpp",
		Address:     c.Address,
		JID:         c.JID,
		Password:    c.Password,
		Resource:    c.Resource,
		Nick:        c.Nick,
		Rooms:       xmppRooms(a.cfg),
		InsecureTLS: c.InsecureTLS,
		CAFile:      c.CAFile,
		InviteAllow: c.InviteAllow,
		Store:       a.db,
		Logger:      a.log,
	})
}
