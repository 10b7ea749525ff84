// Package sqlstore holds the queries and the scanning that the SQLite and
// PostgreSQL stores share: written once with ? placeholders and spellings
// both engines accept, run through a Dialect that numbers the placeholders
// for PostgreSQL. Opening, migrations, locking and each engine's checks
// stay in packages sqlite and postgres.
//
// It imports bot, announce and tickets only; never an adapter, config, cmd,
// a feature package or either backend.
package sqlstore
