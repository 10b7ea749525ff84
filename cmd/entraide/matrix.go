package main

import (
	"context"

	"codeberg.org/entraide/entraide/adapters/matrix"
	"codeberg.org/entraide/entraide/bot"
)

// The Matrix adapter, when [matrix] is enabled. Its crypto and room state
// tables live in the bot's own database file.
func init() {
	adapterFactories = append(adapterFactories, func(_ context.Context, a *app) (bot.Adapter, error) {
		c := a.cfg.Matrix
		if !c.Enabled {
			return nil, nil
		}
		return matrix.New(matrix.Options{
			Homeserver:  c.Homeserver,
			UserID:      c.UserID,
			Password:    c.Password,
			AccessToken: c.AccessToken,
			DeviceName:  c.DeviceName,
			Encryption:  c.Encryption,
			PickleKey:   c.PickleKey,
			InviteAllow: c.InviteAllow,
			State:       a.db,
			DB:          a.db.DB,
			Logger:      a.log,
		})
	})
}
