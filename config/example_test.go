package config

import (
	"encoding"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// Every key of Config must be shown, with a comment where useful, in
// config.example.toml: that file is the configuration's reference.
func TestExampleConfigDocumentsEveryKey(t *testing.T) {
	var c Config
	md, err := toml.DecodeFile("../config.example.toml", &c)
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, k := range md.Keys() {
		defined[k.String()] = true
	}
	var g Config
	md, err = toml.Decode(communitiesForm(t), &g)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range md.Keys() {
		defined[k.String()] = true
	}
	want := configKeys(reflect.TypeOf(c), "")
	if len(want) < 50 {
		t.Fatalf("found only %d keys in Config: %v", len(want), want)
	}
	for _, k := range want {
		if !defined[k] {
			t.Errorf("config.example.toml lacks %s", k)
		}
	}
}

// communitiesForm is the commented [[communities]] form of
// config.example.toml: its lines that start with "#" and no space,
// uncommented.
func communitiesForm(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "#") && len(l) > 1 && l[1] != ' ' && l[1] != '#' && l[1] != '\t' {
			sb.WriteString(l[1:] + "\n")
		}
	}
	if !strings.Contains(sb.String(), "[[communities]]") {
		t.Fatal("config.example.toml shows no [[communities]] form")
	}
	return sb.String()
}

// The commented form loads, as the example says: instead of the top-level
// rooms and mentors, with the adapters its rooms and mentors' rooms use
// enabled.
func TestExampleCommunitiesFormLoads(t *testing.T) {
	t.Setenv(EnvMatrixPassword, "p")
	t.Setenv(EnvMatrixPickle, "k")
	t.Setenv(EnvXMPPPassword, "p")
	adapters := "[matrix]\nenabled = true\nhomeserver = \"https://matrix.example.org\"\nuser_id = \"@entraide:example.org\"\n" +
		"[xmpp]\nenabled = true\njid = \"entraide@example.org\"\n"
	c, err := Load(write(t, adapters+communitiesForm(t)))
	if err != nil {
		t.Fatalf("the [[communities]] form of config.example.toml must load: %v", err)
	}
	if names := c.CommunityNames(); len(names) != 2 || names[0] != "jardins" || names[1] != "velos" {
		t.Fatalf("communities %v", names)
	}
}

// configKeys lists the dotted TOML keys of a struct type: the fields of
// nested tables and of arrays of tables, and every other field as a leaf.
func configKeys(t reflect.Type, prefix string) []string {
	var keys []string
	textual := reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		key := prefix + name
		keys = append(keys, key)
		ft := f.Type
		if ft.Kind() == reflect.Slice && prefix == "" {
			ft = ft.Elem() // [[rooms]]: an array of tables at the top
		}
		if ft.Kind() == reflect.Struct && !reflect.PointerTo(ft).Implements(textual) {
			keys = append(keys, configKeys(ft, key+".")...)
		}
	}
	return keys
}
