// Package layering holds the test that keeps entraide's packages in their
// layers: the import rules each package's doc.go states (bot never imports
// an adapter or sqlite, faq and announce stay pure, test-only packages stay
// out of production code) are checked against `go list`, so a violation
// fails the suite. It has no code of its own.
package layering
