package dropout

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"sanbao/authz"
	"sanbao/ent"
)

// Scheduler runs every check over every county with registered households,
// every interval. Runs are idempotent (no case opens twice), so a second
// server instance doing the same only adds dated runs.
type Scheduler struct {
	c      *ent.Client
	every  time.Duration
	cfg    Config
	stop   chan struct{}
	done   sync.WaitGroup
	closed sync.Once
}

// StartScheduler starts the ticker; the first run is one interval away, so a
// restart does not run the checks again at once.
func StartScheduler(c *ent.Client, every time.Duration, cfg Config) *Scheduler {
	s := &Scheduler{c: c, every: every, cfg: cfg, stop: make(chan struct{})}
	s.done.Add(1)
	go s.loop()
	return s
}

func (s *Scheduler) loop() {
	defer s.done.Done()
	t := time.NewTicker(s.every)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithCancel(context.Background())
			go func() {
				select {
				case <-s.stop:
				case <-ctx.Done():
				}
				cancel()
			}()
			if err := RunAll(ctx, s.c, s.cfg, time.Now()); err != nil {
				slog.Error("dropout checks", "err", err)
			}
			cancel()
		}
	}
}

// Stop ends the ticker and waits for a run under way to stop.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.closed.Do(func() { close(s.stop) })
	ch := make(chan struct{})
	go func() { s.done.Wait(); close(ch) }()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// RunAll runs the checks over each county with households.
func RunAll(ctx context.Context, c *ent.Client, cfg Config, now time.Time) error {
	sys := authz.System(ctx)
	rows, err := c.QueryContext(sys, `SELECT DISTINCT substr(village_code, 1, 6) FROM households`)
	if err != nil {
		return err
	}
	var counties []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		counties = append(counties, p+"000000")
	}
	rows.Close()
	for _, code := range counties {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := time.Now()
		if err := RunScheduled(ctx, c, code, cfg, now); err != nil {
			return err
		}
		slog.Info("dropout checks", "county", code, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}
