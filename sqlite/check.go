package sqlite

import "codeberg.org/entraide/entraide/bot"

var _ bot.StateStore = (*DB)(nil)
