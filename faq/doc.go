// Package faq owns the knowledge base: loading and linting the Markdown
// entries maintainers keep in git, and matching a user's question to one of
// them (or deciding not to answer).
//
// It is pure: no chat, storage or network concepts, and it imports no
// other entraide package (announce reuses its Markdown loader).
package faq
