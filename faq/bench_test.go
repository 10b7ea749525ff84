package faq

import (
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const benchEntries = 10000

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchKB writes the generated 10 000-entry KB once per test binary.
func benchKB(b *testing.B) string {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "entraide-bench-kb-")
		if benchErr == nil {
			benchErr = newKBGen(1, 6000).writeKB(benchDir, benchEntries)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

// BenchmarkLoad10k reads, parses and indexes the 10 000-entry KB, and
// reports the heap it keeps and the process's resident memory.
func BenchmarkLoad10k(b *testing.B) {
	dir := benchKB(b)
	var m *LexicalMatcher
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for range b.N {
		kb, err := LoadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		m = NewMatcher(kb, Options{})
	}
	b.StopTimer()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc))/(1<<20), "heap-MB")
	b.ReportMetric(rssMB(), "rss-MB")
	b.ReportMetric(float64(len(m.ix.terms)), "terms")
	runtime.KeepAlive(m)
}

// BenchmarkMatch10k matches generated chat-style questions against the
// 10 000-entry KB and reports the median and 99th percentile per question.
func BenchmarkMatch10k(b *testing.B) {
	kb, err := LoadDir(benchKB(b))
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	g := newKBGen(2, 6000)
	served := kb.Served()
	qs := make([]string, 2000)
	for i := range qs {
		qs[i] = g.query(served[g.rng.IntN(len(served))])
	}
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		m.Match(qs[i%len(qs)], "")
		took = append(took, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkMatchExample is the per-question cost on a real-sized FAQ.
func BenchmarkMatchExample(b *testing.B) {
	kb, err := LoadFS(testKB())
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(kb, Options{})
	for range b.N {
		m.Match("bjr, jai oublié mon mdp du nuage, cmt je fais ?", "")
	}
}

// rssMB reads the resident set size from /proc (0 where there is none).
func rssMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}

// TestMain removes the generated benchmark KB after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
