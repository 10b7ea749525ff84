package main

import (
	"codeberg.org/entraide/entraide/adapters/xmpp"
	"codeberg.org/entraide/entraide/bot"
)

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
		Rooms:       c.Rooms,
		InsecureTLS: c.InsecureTLS,
		CAFile:      c.CAFile,
		InviteAllow: c.InviteAllow,
		Store:       a.db,
		Logger:      a.log,
	})
}
