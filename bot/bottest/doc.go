// Package bottest provides what the tests of the core and the features
// need instead of a chat server: an in-memory adapter, a clock that moves
// only when told, and a small French knowledge base.
//
// Tests only: no production code imports it. It imports bot and faq, never
// an adapter or sqlite.
package bottest
