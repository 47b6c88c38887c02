package obs

import (
	"crypto/subtle"
	"database/sql"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// The metrics live in Prometheus's default registry (with the Go runtime and
// process collectors it has), so any package can add its own with promauto
// and they show up at /metrics.
var (
	requests = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "sanbao_http_requests_total",
		Help: "HTTP requests by route (the ServeMux pattern), GraphQL operation name and status.",
	}, []string{"route", "operation", "status"})
	latency = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "sanbao_http_request_duration_seconds",
		Help:    "HTTP request duration by route, GraphQL operation name and status.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	}, []string{"route", "operation", "status"})
	errorCodes = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "sanbao_errors_total",
		Help: "Errors answered, by GraphQL operation name (empty outside GraphQL) and error code (extensions.code).",
	}, []string{"operation", "code"})
	contacts = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "sanbao_contacts_received_total",
		Help: "Contacts sent by phones (logContact), by result: ok (stored, or a retry of a stored one) or refused.",
	}, []string{"result"})
)

func observe(route, operation string, status int, took time.Duration, codes []string) {
	op := operationLabel(operation)
	s := strconv.Itoa(status)
	requests.WithLabelValues(route, op, s).Inc()
	latency.WithLabelValues(route, op, s).Observe(took.Seconds())
	for _, c := range codes {
		errorCodes.WithLabelValues(op, c).Inc()
	}
}

// Operation names are chosen by clients: the first maxOperations distinct
// ones get their own label value, later ones share "other", so a client
// cannot grow the metrics without bound.
const maxOperations = 200

var operations = struct {
	sync.Mutex
	seen map[string]bool
}{seen: map[string]bool{}}

func operationLabel(name string) string {
	if name == "" {
		return ""
	}
	operations.Lock()
	defer operations.Unlock()
	if !operations.seen[name] {
		if len(operations.seen) >= maxOperations {
			return "other"
		}
		operations.seen[name] = true
	}
	return name
}

// CountContact counts a logContact call from a phone and passes its result
// through, so the resolver stays one line.
func CountContact[T any](v T, err error) (T, error) {
	result := "ok"
	if err != nil {
		result = "refused"
	}
	contacts.WithLabelValues(result).Inc()
	return v, err
}

var dbStats struct {
	sync.Mutex
	c prometheus.Collector
}

// WatchDB exports the connection pool's statistics (sql.DBStats) as
// go_sql_* metrics with db_name="sanbao". A second call replaces the first
// database.
func WatchDB(db *sql.DB) {
	dbStats.Lock()
	defer dbStats.Unlock()
	if dbStats.c != nil {
		prometheus.Unregister(dbStats.c)
	}
	dbStats.c = collectors.NewDBStatsCollector(db, "sanbao")
	prometheus.MustRegister(dbStats.c)
}

// MetricsHandler serves the default registry in Prometheus's text format.
// The metrics tell request volumes and operation names, so they are not
// public: they are served to clients on the loopback interface that come
// directly (no proxy's forwarding header), and, when token is set, to any
// client sending "Authorization: Bearer <token>". Others get 403.
func MetricsHandler(token string) http.Handler {
	prom := promhttp.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !metricsAllowed(r, token) {
			http.Error(w, "metrics are served to the loopback interface or with SANBAO_METRICS_TOKEN", http.StatusForbidden)
			return
		}
		prom.ServeHTTP(w, r)
	})
}

func metricsAllowed(r *http.Request, token string) bool {
	if token != "" {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) == 1 {
			return true
		}
	}
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip"} {
		if r.Header.Get(h) != "" {
			return false // through a proxy: the loopback address is the proxy's
		}
	}
	ip := net.ParseIP(remoteIP(r))
	return ip != nil && ip.IsLoopback()
}
