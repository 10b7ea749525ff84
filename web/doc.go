// Package web is the mentors' web page: the ticket queue and each ticket's
// history with its actions, the questions the FAQ misses, how FAQ answers
// are received, and the announcements to come. Pages are rendered on the
// server and work without JavaScript.
//
// Mentors and admins log in with a one-time code the bot sends them in a
// direct message on the chat they use; the session lives in a signed
// cookie and every form carries a CSRF token. Every action goes through the
// same core functions as the chat commands. Its only entraide imports are
// bot, faq, announce and tickets: it never reaches a store or an adapter
// except through the interfaces it declares.
package web
