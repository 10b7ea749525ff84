// Package reload notices that the FAQ or announcement files changed: a
// recursive, debounced file watcher and a periodic "git pull --ff-only" run
// through the git binary. It decides nothing about what a reload does; the
// caller passes a function. It never logs or returns URL credentials, and
// it imports no other entraide package.
package reload
