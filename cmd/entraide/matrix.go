package main

import (
	"codeberg.org/entraide/entraide/adapters/matrix"
	"codeberg.org/entraide/entraide/bot"
)

// newMatrix builds the Matrix adapter of [matrix]. Its crypto and room
// state tables live in the bot's own database, in that database's dialect.
func newMatrix(a *app) (bot.Adapter, error) {
	c := a.cfg.Matrix
	db, dialect := a.db.SQL()
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
		DB:          db,
		Dialect:     dialect,
		Logger:      a.log,
	})
}
