// Package testenv starts real chat servers (and a PostgreSQL cluster) on
// loopback for integration tests: each test gets its own throw-away
// instance in a temporary folder, on a free 127.0.0.1 port, stopped when
// the test ends. The system services of those servers are never touched.
//
// When a server binary is missing the test is skipped, unless
// ENTRAIDE_INTEGRATION is set (as scripts/test does): then it fails, so CI
// never passes by skipping.
//
// Tests only: no production code imports it. It imports no other entraide
// package.
package testenv
