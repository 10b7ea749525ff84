// Package storage opens the bot's database and hands it out as the core's
// store interfaces (and those of tickets), so that cmd/entraide never
// depends on one backend.
//
// It may import bot, tickets and the store packages (sqlite, postgres);
// never an adapter, config, cmd or another feature package.
package storage
