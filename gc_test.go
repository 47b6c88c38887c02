package main

import (
	"runtime/debug"
	"testing"
)

// The GC defaults apply only where GOGC and GOMEMLIMIT are unset.
func TestTuneGC(t *testing.T) {
	oldGC, oldLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(oldGC); debug.SetMemoryLimit(oldLimit) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	gogc, limit := tuneGC()
	if gogc != defaultGOGC {
		t.Errorf("GOGC unset: %d, want %d", gogc, defaultGOGC)
	}
	if m := memoryAvailable(); m > 0 && limit != m/10*8 {
		t.Errorf("GOMEMLIMIT unset: %d, want 80%% of %d", limit, m)
	}

	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetGCPercent(150)
	debug.SetMemoryLimit(1 << 30)
	if gogc, limit := tuneGC(); gogc != 150 || limit != 1<<30 {
		t.Errorf("set by the environment: GOGC %d, GOMEMLIMIT %d", gogc, limit)
	}
}
