package config

import (
	"encoding"
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
