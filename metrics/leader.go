package metrics

import (
	"fmt"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const leaderHelp = "1 when this instance holds the leader lease and talks to the chat servers, 0 on standby."

// Leader adds the entraide_leader gauge, read from leading at each scrape.
func (m *Metrics) Leader(leading func() bool) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "entraide_leader", Help: leaderHelp},
		func() float64 {
			if leading() {
				return 1
			}
			return 0
		}))
}

// Standby serves /metrics for an instance waiting for the leader lease:
// entraide_leader 0, and the process figures.
func Standby() http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "entraide_leader", Help: leaderHelp},
		func() float64 { return 0 }))
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
}

// StandbyHealth serves /healthz for an instance waiting for the leader
// lease: 200 (the instance is fine) with a body saying it is on standby, so
// a load balancer can tell it from the leader.
func StandbyHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintln(w, "standby: another instance holds the leader lease")
	})
}
