package testkit

import (
	"bytes"
	"strings"
	"sync"
)

// Buffer is a bytes.Buffer that the goroutines of a bot, its adapters and a
// test may write and read at once (logs, console output).
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write implements io.Writer.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Count reports how many times s was written so far.
func (b *Buffer) Count(s string) int { return strings.Count(b.String(), s) }
