// Package tickets is the human handoff: questions the FAQ cannot answer
// become tickets that mentors claim, answer and resolve, and the votes on
// FAQ answers ("merci", "ça ne marche pas", 👍/👎) are kept as feedback.
// It plugs into the core only through the hooks bot exports (Before,
// Unanswered, Answered, OnReaction, Handle, Go) and owns the Store
// interface that storage backends implement.
//
// It may import bot and faq, never an adapter, a store, config or another
// feature package.
package tickets
