// Package testkit holds the small pieces the tests of several packages
// share: a log buffer safe for concurrent writers, polling with a deadline,
// and file and git set-up in temporary folders. It imports nothing of
// entraide, so any package's tests may use it.
package testkit
