// Package metrics exposes what an operator watches: Prometheus counters and
// histograms fed by the router (bot.Observer) and by features, gauges read at
// scrape time (adapter connections, KB size, tickets by state), and the
// /healthz readiness check. It reads the core through bot's public API only
// and uses its own registry, never the global one. It imports bot only,
// never an adapter, sqlite or config.
package metrics
