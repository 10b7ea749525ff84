// Package xmpp is the XMPP adapter: a client (not a component) built on
// gosrc.io/xmpp that logs in with SASL PLAIN over STARTTLS, joins
// multi-user chat rooms (XEP-0045) and answers there and in 1:1 chats.
//
// It owns the protocol details only: what an incoming stanza means for the
// bot (room, sender, text), what is dropped (own echoes, errors, history
// and other delayed messages, duplicates), and how a bot.Reply becomes a
// plain-text message. It imports bot only, never features, sqlite or
// another adapter; features reach it through bot.Bot.
package xmpp
