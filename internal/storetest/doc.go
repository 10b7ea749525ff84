// Package storetest is the store conformance suite: every behaviour the
// bot relies on from its database, written once and run against each
// backend (SQLite and Postgres) by storage's tests.
//
// Tests only: no production code imports it. It imports bot, announce,
// tickets and storage.
package storetest
