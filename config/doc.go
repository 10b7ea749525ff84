// Package config reads entraide's TOML configuration into typed structs,
// once, at start. Unknown keys, malformed values and missing secrets are
// errors that name the file and line; secrets may come from the
// environment. config.example.toml shows every key (a test checks it).
//
// It imports no other entraide package: the command turns the config into
// the options of the core, the stores and the adapters.
package config
