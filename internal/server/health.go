package server

import (
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"mineaction/internal/mineaction"
)

// healthz answers while the process runs.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write([]byte("ok\n"))
	return err
}

// readyz answers when the database answers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) error {
	err := s.cfg.Store.View(r.Context(), func(tx mineaction.Tx) error {
		_, err := tx.LastAudit(r.Context())
		if mineaction.ErrorKind(err) == mineaction.KindNotFound {
			return nil
		}
		return err
	})
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		s.cfg.Log.Error("not ready", "error", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, err = w.Write([]byte("database unavailable\n"))
		return err
	}
	_, err = w.Write([]byte("ready\n"))
	return err
}

// metrics counts requests by route and status with latency histograms, for
// Prometheus.
type metrics struct {
	mu      sync.Mutex
	count   map[[2]string]uint64
	buckets map[string][]uint64
	sum     map[string]float64
	n       map[string]uint64
	started time.Time
}

var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

func newMetrics() *metrics {
	return &metrics{count: map[[2]string]uint64{}, buckets: map[string][]uint64{}, sum: map[string]float64{},
		n: map[string]uint64{}, started: time.Now()}
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count[[2]string{route, fmt.Sprint(status)}]++
	b := m.buckets[route]
	if b == nil {
		b = make([]uint64, len(latencyBuckets))
		m.buckets[route] = b
	}
	sec := d.Seconds()
	for i, le := range latencyBuckets {
		if sec <= le {
			b[i]++
		}
	}
	m.sum[route] += sec
	m.n[route]++
}

func quote(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) }

// metricsHandler writes the Prometheus text format.
func (s *Server) metricsHandler(w http.ResponseWriter, r *http.Request) error {
	m := s.metrics
	m.mu.Lock()
	var b strings.Builder
	b.WriteString("# HELP mineaction_http_requests_total HTTP requests by route and status.\n# TYPE mineaction_http_requests_total counter\n")
	keys := make([][2]string, 0, len(m.count))
	for k := range m.count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	for _, k := range keys {
		fmt.Fprintf(&b, "mineaction_http_requests_total{route=\"%s\",status=\"%s\"} %d\n", quote(k[0]), k[1], m.count[k])
	}
	b.WriteString("# HELP mineaction_http_request_duration_seconds Request latency by route.\n# TYPE mineaction_http_request_duration_seconds histogram\n")
	routes := make([]string, 0, len(m.buckets))
	for r := range m.buckets {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, rt := range routes {
		for i, le := range latencyBuckets {
			fmt.Fprintf(&b, "mineaction_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %d\n", quote(rt), le, m.buckets[rt][i])
		}
		fmt.Fprintf(&b, "mineaction_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %d\n", quote(rt), m.n[rt])
		fmt.Fprintf(&b, "mineaction_http_request_duration_seconds_sum{route=\"%s\"} %g\n", quote(rt), m.sum[rt])
		fmt.Fprintf(&b, "mineaction_http_request_duration_seconds_count{route=\"%s\"} %d\n", quote(rt), m.n[rt])
	}
	started := m.started
	m.mu.Unlock()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(&b, "# TYPE mineaction_uptime_seconds gauge\nmineaction_uptime_seconds %g\n", time.Since(started).Seconds())
	fmt.Fprintf(&b, "# TYPE go_memstats_heap_inuse_bytes gauge\ngo_memstats_heap_inuse_bytes %d\n", ms.HeapInuse)
	fmt.Fprintf(&b, "# TYPE go_goroutines gauge\ngo_goroutines %d\n", runtime.NumGoroutine())
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, err := w.Write([]byte(b.String()))
	return err
}
