// Package ratelimit keeps a flood from one user or one room from drowning the
// bot: token buckets per user and per room, a Before hook for the router that
// drops what is over the limit, and at most one short notice per user and
// window, saying that nothing sent meanwhile is passed on and how many
// seconds to wait. Dropped messages are not queued, follow-ups to a ticket
// included: a queue would carry the flood to the mentors a little later. It knows chat only through bot.Request (it imports bot only, never
// an adapter, sqlite or config); it stores nothing durably.
package ratelimit
