package layering

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const module = "codeberg.org/entraide/entraide"

// rule says which entraide packages a package's non-test code may import:
// only those in only (when only is not nil), and none of never.
type rule struct {
	only  []string
	never []string
}

// testOnly are the packages that exist for tests; production code never
// imports them.
var testOnly = []string{"internal/testenv", "internal/testkit", "internal/storetest", "bot/bottest"}

var features = []string{"metrics", "ratelimit", "reload"}

// rules mirror the packages' doc.go. A package missing here fails the test:
// say in its doc.go what it must not import, then add it.
var rules = map[string]rule{
	"bot":                {only: []string{"faq", "announce"}},
	"bot/bottest":        {only: []string{"bot", "faq"}},
	"faq":                {only: []string{}},
	"announce":           {only: []string{"faq"}},
	"config":             {only: []string{}},
	"example":            {only: []string{}},
	"reload":             {only: []string{}},
	"metrics":            {only: []string{"bot", "faq"}},
	"ratelimit":          {only: []string{"bot", "faq"}},
	"tickets":            {only: []string{"bot", "faq"}},
	"web":                {only: []string{"bot", "faq", "announce", "tickets"}},
	"sqlite":             {never: append([]string{"adapters/", "config", "cmd/"}, features...)},
	"storage":            {never: append([]string{"adapters/", "config", "cmd/"}, features...)},
	"postgres":           {only: []string{"bot", "announce", "tickets", "internal/sqlstore"}},
	"internal/sqlstore":  {only: []string{"bot", "announce", "tickets"}},
	"internal/storetest": {only: []string{"bot", "announce", "tickets", "storage"}},
	"adapters/console":   {only: []string{"bot"}},
	"adapters/matrix":    {only: []string{"bot"}},
	"adapters/xmpp":      {only: []string{"bot"}},
	"cmd/entraide":       {never: testOnly},
	"internal/testenv":   {only: []string{}},
	"internal/testkit":   {only: []string{}},
	"internal/layering":  {only: []string{}},
	"internal/mutate":    {only: []string{}},
}

type listed struct {
	ImportPath string
	Dir        string
	Imports    []string
}

// list runs go list on the whole module with the given build tags.
func list(t *testing.T, tags string) []listed {
	t.Helper()
	readSources(t)
	cmd := exec.Command("go", "list", "-tags", tags, "-json", module+"/...")
	cmd.Dir = filepath.Join("..", "..")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listed
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < len(rules) {
		t.Fatalf("go list found %d packages, the rules name %d", len(pkgs), len(rules))
	}
	return pkgs
}

// readSources reads every Go file and folder of the module. go list reads
// them in another process, which go test's result cache does not see; read
// here, a changed import or a new package makes the test run again.
func readSources(t *testing.T) {
	t.Helper()
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") {
			_, err = os.ReadFile(path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// matches reports whether pkg (relative to the module) is one of the
// names, where a name ending in / stands for everything below it.
func matches(pkg string, names []string) bool {
	for _, n := range names {
		if pkg == n || (strings.HasSuffix(n, "/") && strings.HasPrefix(pkg, n)) {
			return true
		}
	}
	return false
}

func TestImportRules(t *testing.T) {
	for _, tags := range []string{"", "goolm"} {
		for _, p := range list(t, tags) {
			name := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
			r, ok := rules[name]
			if !ok {
				t.Errorf("package %s has no import rule: state in its doc.go what it must not import and add it to rules", name)
				continue
			}
			for _, imp := range p.Imports {
				if !strings.HasPrefix(imp, module+"/") {
					continue
				}
				dep := strings.TrimPrefix(imp, module+"/")
				switch {
				case matches(dep, testOnly) && !matches(name, testOnly):
					t.Errorf("%s imports the test-only package %s (tags %q)", name, dep, tags)
				case r.only != nil && !matches(dep, r.only):
					t.Errorf("%s may import only %v of entraide, but imports %s (tags %q)", name, r.only, dep, tags)
				case matches(dep, r.never):
					t.Errorf("%s must not import %s (tags %q)", name, dep, tags)
				}
			}
		}
	}
}

// Every package says what it owns and what it must not import in doc.go.
func TestEveryPackageHasDocGo(t *testing.T) {
	var missing []string
	for _, p := range list(t, "goolm") {
		if _, err := os.Stat(filepath.Join(p.Dir, "doc.go")); err != nil {
			missing = append(missing, p.ImportPath)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("packages without doc.go: %v", missing)
	}
}
