package config

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// go test -run '^$' -fuzz FuzzLoad -fuzztime 60s ./config
//
// Any file content: Load returns a config or an error naming the file,
// never panics, and stays within a time bound (while fuzzing; see
// cmd/entraide's FuzzMessagePath) and a memory bound.
func FuzzLoad(f *testing.F) {
	example, err := os.ReadFile("../config.example.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		string(example),
		strings.Replace(string(example), "[console]\nenabled = false", "[console]\nenabled = true", 1),
		"[console]\nenabled = true\n",
		"[console]\nenabled = true\n[mentors]\nremind_after = \"1e300d\"\n",
		"[console]\nenabled = true\n[matcher]\nthreshold = nan\n",
		"[console]\nenabled = true\n[[rooms]]\nadapter = \"irc\"\n",
		"[matrix]\nenabled = true\nhomeserver = \"http://[::1\"\n",
		"[console\n", "= 1", "[a.b.c]\nx = [[[[1]]]]\n", "\xff\xfe", "",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	fuzz := flag.Lookup("test.fuzz")
	timed := fuzz != nil && fuzz.Value.String() != ""
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(dir, "entraide.toml")
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		start := time.Now()
		c, err := LoadOffline(path)
		took := time.Since(start)
		runtime.ReadMemStats(&ms1)
		if err != nil && !strings.Contains(err.Error(), path) {
			t.Errorf("error without the file's name: %v", err)
		}
		if err == nil && c == nil {
			t.Error("no config and no error")
		}
		if alloc := ms1.TotalAlloc - ms0.TotalAlloc; alloc > 64<<20+uint64(100*len(data)) {
			t.Errorf("%d-byte file allocated %d MB", len(data), alloc>>20)
		}
		if timed && took > 2*time.Second {
			t.Errorf("%d-byte file took %v", len(data), took)
		}
	})
}
