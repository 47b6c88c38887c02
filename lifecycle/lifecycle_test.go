package lifecycle

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Hooks run at once; a slow one that finishes within the grace period is
// waited for, one that does not is named; Stopping closes first.
func TestShutdown(t *testing.T) {
	h := New()
	var finished atomic.Int32
	h.OnShutdown("slow job", func(ctx context.Context) error {
		select {
		case <-h.Stopping():
		default:
			t.Error("Stopping not closed when hooks run")
		}
		time.Sleep(150 * time.Millisecond)
		finished.Add(1)
		return nil
	})
	h.OnShutdown("also slow", func(ctx context.Context) error {
		time.Sleep(150 * time.Millisecond)
		finished.Add(1)
		return nil
	})
	start := time.Now()
	if err := h.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if finished.Load() != 2 {
		t.Fatalf("%d of 2 hooks finished", finished.Load())
	}
	if took := time.Since(start); took > 290*time.Millisecond {
		t.Errorf("hooks ran one after the other: %v", took)
	}

	h = New()
	h.OnShutdown("stuck", func(ctx context.Context) error { time.Sleep(time.Second); return nil })
	h.OnShutdown("broken", func(ctx context.Context) error { return errors.New("disk full") })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := h.Shutdown(ctx)
	if err == nil || !strings.Contains(err.Error(), "stuck: context deadline exceeded") || !strings.Contains(err.Error(), "broken: disk full") {
		t.Fatalf("Shutdown = %v", err)
	}
}
