package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sanbao/lifecycle"
	"sanbao/store"
)

// phase is where the server is in its life, as /readyz tells it.
type phase int32

const (
	starting phase = iota // migrating and seeding the database
	ready
	stopping
)

// readiness gates the app while the database is set up; a nil *readiness is
// always ready.
type readiness struct{ p atomic.Int32 }

func (r *readiness) phase() phase {
	if r == nil {
		return ready
	}
	return phase(r.p.Load())
}

func (r *readiness) set(p phase) { r.p.Store(int32(p)) }

// gate answers 503 to everything but the probes and metrics while starting.
func (r *readiness) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch req.URL.Path {
		case "/healthz", "/readyz", "/metrics":
		default:
			if r.phase() == starting {
				w.Header().Set("Retry-After", "5")
				http.Error(w, "服务正在启动（正在迁移数据库），请稍后再试", http.StatusServiceUnavailable)
				return
			}
		}
		next.ServeHTTP(w, req)
	})
}

// readyz is ready when the database is migrated, the server is not shutting
// down and the database answers a ping within two seconds.
func readyz(db *store.DB, r *readiness) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		switch r.phase() {
		case starting:
			http.Error(w, "migrating the database", http.StatusServiceUnavailable)
			return
		case stopping:
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		ctx, cancel := context.WithTimeout(req.Context(), 2*time.Second)
		defer cancel()
		if err := db.SQL.PingContext(ctx); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
}

// server runs the HTTP server until its context ends, then shuts down
// gracefully.
type server struct {
	http  *http.Server
	grace time.Duration // for in-flight requests and shutdown hooks together
	hooks *lifecycle.Hooks
	ready *readiness
}

// run serves ln. setup (nil if there is none) delivers the end of the
// database set-up: the server becomes ready, or stops with its error. When
// ctx ends, run shuts down: new connections are refused, requests in flight
// and the shutdown hooks (background jobs) get the grace period to finish.
func (s *server) run(ctx context.Context, ln net.Listener, setup <-chan error) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(ln) }()
	if setup == nil {
		s.ready.set(ready)
	}
	for {
		select {
		case err := <-errc:
			return err
		case err := <-setup:
			setup = nil
			if err != nil {
				slog.Error("database set-up failed", "err", err)
				s.shutdown()
				return err
			}
			s.ready.set(ready)
			slog.Info("ready")
		case <-ctx.Done():
			slog.Info("shutting down", "grace", s.grace.String())
			err := s.shutdown()
			if setup != nil {
				// Migrating or seeding: it stops at ctx's end; wait (a while)
				// so the database is not closed under it.
				select {
				case <-setup:
				case <-time.After(s.grace):
				}
			}
			return err
		}
	}
}

// shutdown stops the server within the grace period. Connections still
// busy at its end are closed.
func (s *server) shutdown() error {
	s.ready.set(stopping)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), s.grace)
	defer cancel()
	var wg sync.WaitGroup
	var httpErr, hookErr error
	wg.Go(func() { httpErr = s.http.Shutdown(ctx) })
	if s.hooks != nil {
		wg.Go(func() { hookErr = s.hooks.Shutdown(ctx) })
	}
	wg.Wait()
	if httpErr != nil {
		slog.Error("requests still running at the end of the grace period: closing their connections", "grace", s.grace.String())
		s.http.Close()
		httpErr = errors.New("shutdown: requests still running at the end of the grace period " + s.grace.String())
	}
	slog.Info("shut down", "took_ms", time.Since(start).Milliseconds(), "clean", httpErr == nil && hookErr == nil)
	return errors.Join(httpErr, hookErr)
}

// defaultGOGC trades memory for CPU: garbage collection took 7–16 % of the
// CPU of a list request at Go's 100; 400 cut server CPU up to 25 % for
// 15–30 MiB more heap (issue 16). GOMEMLIMIT keeps that from growing
// without bound: the collector runs harder as the heap nears it.
const defaultGOGC = 400

// tuneGC applies the defaults for what GOGC and GOMEMLIMIT leave unset, and
// returns the settings in force (limit 0: none).
func tuneGC() (gogc int, limit int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGOGC)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		if m := memoryAvailable(); m > 0 {
			debug.SetMemoryLimit(m / 10 * 8)
		}
	}
	gogc = debug.SetGCPercent(-1)
	debug.SetGCPercent(gogc)
	limit = debug.SetMemoryLimit(-1)
	if limit == 1<<63-1 {
		limit = 0
	}
	return gogc, limit
}

// memoryAvailable is the container's memory limit (cgroup v2, then v1),
// else the machine's memory; 0 if neither can be read.
func memoryAvailable() int64 {
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(f); err == nil {
			// "max" or v1's huge "no limit" value fall through to the machine's.
			if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && n < 1<<50 {
				return n
			}
		}
	}
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}
