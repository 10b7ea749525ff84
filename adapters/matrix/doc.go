// Package matrix connects the bot to a Matrix homeserver with mautrix-go.
//
// It owns everything Matrix-specific: login and the persisted device, the
// sync loop and its resumable token, the record of events handled or in
// progress (each message answered once across crashes, answer.go), invites
// and kicks, rich replies (m.notice, mention pills, threads, HTML rendered
// from the bot's Markdown), reactions, and end-to-end encryption through
// mautrix's cryptohelper (build with -tags goolm). Its state lives in the
// project's database (SQLite or Postgres): small values through
// bot.StateStore, mautrix's room state and crypto tables in the same
// database, in its dialect.
//
// It imports bot/ and mautrix only; the core never imports it.
package matrix
