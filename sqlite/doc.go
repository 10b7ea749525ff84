// Package sqlite is entraide's storage on SQLite (WAL mode): schema
// migrations versioned in code, per feature, and the stores that implement
// the bot's persistence interfaces. It may import bot, faq, announce and
// tickets (whose Store it implements) and internal/sqlstore (the queries
// it shares with postgres), never an adapter, config or
// another feature package.
package sqlite
