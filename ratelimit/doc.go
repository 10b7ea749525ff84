// Package ratelimit keeps a flood from one user or one room from drowning the
// bot: token buckets per user and per room, a Before hook for the router that
// drops what is over the limit, and at most one short notice per user and
// window. It knows chat only through bot.Request (it imports bot only, never
// an adapter, sqlite or config); it stores nothing durably.
package ratelimit
