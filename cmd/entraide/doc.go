// Command entraide runs the community-support bot and its maintenance tools
// (demo, run, faq, tickets, report, announce).
//
// It is the only package that wires everything together: it reads config,
// opens sqlite, loads the FAQ and announcements, builds the bot and its
// adapters and features. The subcommands are listed in main.go's commands;
// the adapters and features are wired, in order, in app.go's build; nothing
// registers itself from init. It must not import the test-only packages
// (internal/testenv, internal/testkit, bot/bottest).
package main
