package main

import (
	"context"

	"codeberg.org/entraide/entraide/adapters/xmpp"
	"codeberg.org/entraide/entraide/bot"
)

// The XMPP adapter, built when [xmpp] is enabled.
func init() {
	adapterFactories = append(adapterFactories, func(_ context.Context, a *app) (bot.Adapter, error) {
		c := a.cfg.XMPP
		if !c.Enabled {
			return nil, nil
		}
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
	})
}
