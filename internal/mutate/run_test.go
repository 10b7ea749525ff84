package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The whole check on a module of two functions: a mutation the tests catch,
// one they miss, one accepted, one whose text is gone and one that does not
// build; the working tree is left as it was.
func TestRunOnASmallModule(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary")
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":      "module example.org/m\n\ngo 1.26\n",
		"m/m.go":      "package m\n\nfunc Add(a, b int) int { return a + b }\n\nfunc Abs(a int) int {\n\tif a < 0 {\n\t\treturn -a\n\t}\n\treturn a\n}\n",
		"m/m_test.go": "package m\n\nimport \"testing\"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(2, 3) != 5 {\n\t\tt.Fatal(Add(2, 3))\n\t}\n}\n",
		"list.txt": "@ m/m.go\n# adds wrong\n- return a + b\n+ return a - b\n" +
			"# Abs of a negative is negative\n- return -a\n+ return a\n" +
			"# Abs of 0 is wrong\n- if a < 0 {\n+ if a <= 0 {\n= equivalent: -0 is 0\n" +
			"# gone\n- return a * b\n+ return a / b\n" +
			"# does not build\n- func Add(a, b int) int {\n+ func Add(a, b int) {\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := exec.Command("git", "init", "-q")
	git.Dir = dir
	if out, err := git.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	t.Chdir(dir)
	var out bytes.Buffer
	err := run([]string{"-list", "list.txt", "-min", "50"}, &out)
	got := out.String()
	if err == nil || !strings.Contains(err.Error(), "kill rate 33.3 % is under 50 %") {
		t.Errorf("want a kill rate under the minimum, got %v", err)
	}
	for _, want := range []string{
		"killed   m/m.go:3",
		"TestAdd",
		"SURVIVED m/m.go:7",
		"kill rate: 1 of 3 (33.3 %); 1 stale, 1 broken (not counted)",
		"no reason recorded",
		"accepted: equivalent: -0 is 0",
		"original text not found",
		"broken:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("%q missing from the report:\n%s", want, got)
		}
	}
	if src, _ := os.ReadFile(filepath.Join(dir, "m", "m.go")); string(src) != files["m/m.go"] {
		t.Errorf("the working tree was changed:\n%s", src)
	}
}
