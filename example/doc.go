// Package example embeds the demo's knowledge base and announcements, so
// "entraide demo" runs with no file next to it.
//
// It holds data only and imports no other entraide package.
package example
