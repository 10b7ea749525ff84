// Package postgres keeps the bot's data in a PostgreSQL database through
// pgx: the same records as package sqlite (tickets, feedback, announcement
// posts, the handled-message journal, adapter state), for a host that runs
// several bot instances on one shared database.
//
// It imports bot, announce, tickets and internal/sqlstore (the queries it
// shares with sqlite) only; never an adapter, config, cmd or a feature
// package.
package postgres
