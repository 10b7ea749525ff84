// Command entraide runs the community-support bot and its maintenance tools
// (demo, run, faq, tickets, report, announce).
//
// It is the only package that wires everything together: it reads config,
// opens sqlite, loads the FAQ and announcements, builds the bot and its
// adapters and features. Each subcommand, adapter and feature is wired from
// its own file's init. It must not import the test-only packages
// (internal/testenv, internal/testkit, bot/bottest).
package main
