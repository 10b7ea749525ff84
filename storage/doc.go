// Package storage opens the bot's database and hands it out as the core's
// store interfaces, so that cmd/entraide never depends on one backend.
//
// It may import bot and the store packages (sqlite); never an adapter,
// config, cmd or a feature package.
package storage
