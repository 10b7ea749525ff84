// Package bot is entraide's core: the chat types, the Adapter interface that
// each protocol implements, the router that sends a message to a command or to
// the FAQ, and the hooks that the escalation, announcement and operations
// features plug into. A Bot serves one community; a Hub gives each message
// from the shared adapters to the Bot of the community that lists its room.
//
// It must never import an adapter (adapters/...), sqlite, config or a
// feature package (tickets, metrics, ratelimit, reload): they depend on bot, not the
// other way round. Its only entraide imports are faq and announce.
package bot
