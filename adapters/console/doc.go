// Package console is the terminal adapter: one person can play every part
// (asker, mentor) by switching name and room, and a pipe makes it scriptable.
//
// It imports bot only; the core never imports it.
package console
