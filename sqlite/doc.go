// Package sqlite is entraide's storage on SQLite (WAL mode): schema
// migrations versioned in code, per feature, and the stores that implement
// the bot's persistence interfaces. It may import bot, faq and announce,
// never an adapter, config or a feature package.
package sqlite
