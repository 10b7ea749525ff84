package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain gives the tests that run the real binary one folder to build it
// into, removed at the end.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "entraide-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
