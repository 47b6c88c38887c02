// Package lifecycle lets the parts of the server that work in the background
// (import jobs, timers) finish what they are doing when the server shuts
// down: they register a hook, the server runs every hook when it stops,
// beside the draining of in-flight requests, within one grace period
// (SANBAO_SHUTDOWN_GRACE).
package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Hooks is a set of shutdown hooks.
type Hooks struct {
	mu       sync.Mutex
	hooks    []hook
	stopping chan struct{}
	once     sync.Once
}

type hook struct {
	name string
	fn   func(context.Context) error
}

// New returns an empty set.
func New() *Hooks { return &Hooks{stopping: make(chan struct{})} }

// Default is the server's set; packages register with OnShutdown.
var Default = New()

// OnShutdown registers fn with the server's hooks (see Hooks.OnShutdown).
func OnShutdown(name string, fn func(context.Context) error) { Default.OnShutdown(name, fn) }

// Stopping is closed when the server's shutdown begins.
func Stopping() <-chan struct{} { return Default.Stopping() }

// OnShutdown registers fn to run when shutdown begins. fn should stop taking
// new work, let the work under way finish and return; its ctx ends with the
// grace period, after which the process exits whatever fn is doing.
func (h *Hooks) OnShutdown(name string, fn func(context.Context) error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hooks = append(h.hooks, hook{name, fn})
}

// Stopping is closed when Shutdown is called, for loops that select on it.
func (h *Hooks) Stopping() <-chan struct{} { return h.stopping }

// Shutdown runs every hook at once and waits until all have returned or ctx
// ends. It logs each hook's end and returns the errors, naming the hooks
// still running when ctx ended.
func (h *Hooks) Shutdown(ctx context.Context) error {
	h.once.Do(func() { close(h.stopping) })
	h.mu.Lock()
	hooks := append([]hook(nil), h.hooks...)
	h.mu.Unlock()

	type result struct {
		name string
		err  error
		took time.Duration
	}
	done := make(chan result, len(hooks))
	for _, k := range hooks {
		go func() {
			start := time.Now()
			done <- result{k.name, k.fn(ctx), time.Since(start)}
		}()
	}
	var errs []error
	running := map[string]int{}
	for _, k := range hooks {
		running[k.name]++
	}
	for range hooks {
		select {
		case r := <-done:
			running[r.name]--
			if r.err != nil {
				slog.Error("shutdown hook failed", "hook", r.name, "err", r.err, "took_ms", r.took.Milliseconds())
				errs = append(errs, fmt.Errorf("%s: %w", r.name, r.err))
			} else {
				slog.Info("shutdown hook finished", "hook", r.name, "took_ms", r.took.Milliseconds())
			}
		case <-ctx.Done():
			for name, n := range running {
				if n > 0 {
					slog.Error("shutdown hook still running at the end of the grace period", "hook", name)
					errs = append(errs, fmt.Errorf("%s: %w", name, ctx.Err()))
				}
			}
			return errors.Join(errs...)
		}
	}
	return errors.Join(errs...)
}
