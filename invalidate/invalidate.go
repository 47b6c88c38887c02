// Package invalidate tells the caches of every server process that what a
// viewer may do has changed: their positions, their person (password,
// leaving), their sessions, an API token, a unit. One mechanism for all:
// ent hooks on those entities publish a Change to the process when the
// writing transaction commits and, on PostgreSQL, send NOTIFY inside that
// transaction, which PostgreSQL delivers at commit (never on rollback) to
// every process that LISTENs on the database. On SQLite one process is the
// rule, so changes are published locally only.
package invalidate

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lib/pq"

	"sanbao/ent"
)

// Kind is what a change is about.
type Kind byte

// Kinds of change.
const (
	Person Kind = 'p' // the viewers of one person
	Token  Kind = 't' // the viewer of one API token
	All    Kind = '*' // every viewer (a unit changed)
)

// Change is one thing that changed, as sent through NOTIFY.
type Change struct {
	Kind Kind
	ID   int
}

func (c Change) String() string {
	if c.Kind == All {
		return "*"
	}
	return string(c.Kind) + ":" + strconv.Itoa(c.ID)
}

// parse reads a Change; anything it does not know reads as All, so a newer
// instance's message never leaves a stale viewer behind.
func parse(s string) Change {
	k, id, ok := strings.Cut(s, ":")
	n, err := strconv.Atoi(id)
	if !ok || err != nil || len(k) != 1 || (Kind(k[0]) != Person && Kind(k[0]) != Token) {
		return Change{Kind: All}
	}
	return Change{Kind: Kind(k[0]), ID: n}
}

// Bus fans changes out to the caches of this process.
type Bus struct {
	mu   sync.RWMutex
	subs []func(Change)

	channel  string // NOTIFY channel; "" on SQLite
	listener *pq.Listener
	// live: every change in the database reaches this process. Always on
	// SQLite; on PostgreSQL only while the listener is connected and
	// listening. Caches must not serve while it is off.
	live    atomic.Bool
	stop    chan struct{}
	stopped sync.Once
}

var (
	busesMu sync.Mutex
	buses   = map[*ent.Client]*Bus{}
)

// Of returns the bus of client: the one it was attached to, or a new local
// one (the client's changes are then seen by this process only).
func Of(c *ent.Client) *Bus {
	busesMu.Lock()
	b := buses[c]
	busesMu.Unlock()
	if b != nil {
		return b
	}
	b = &Bus{stop: make(chan struct{})}
	b.live.Store(true)
	Attach(c, b)
	return Of(c)
}

// Attach makes the writes through client publish to b (a second client over
// the same database, such as a statement-counting one, shares the bus). A
// client already attached keeps its bus.
func Attach(c *ent.Client, b *Bus) {
	busesMu.Lock()
	defer busesMu.Unlock()
	if buses[c] != nil {
		return
	}
	buses[c] = b
	hook(c, b)
}

// Subscribe calls fn with every change, from this process or (on
// PostgreSQL) any other. fn must be quick.
func (b *Bus) Subscribe(fn func(Change)) {
	b.mu.Lock()
	b.subs = append(b.subs, fn)
	b.mu.Unlock()
}

// Live reports whether every change reaches this process now; a cache
// serves only while it does.
func (b *Bus) Live() bool { return b.live.Load() }

func (b *Bus) publish(c Change) {
	b.mu.RLock()
	subs := b.subs
	b.mu.RUnlock()
	for _, fn := range subs {
		fn(c)
	}
}

// Listen connects b to the PostgreSQL database at dsn: writes send NOTIFY on
// channel, and the changes other processes send arrive through a dedicated
// connection that reconnects by itself. Until it listens, and whenever the
// connection is lost, b is not live and every cached viewer is dropped.
func (b *Bus) Listen(dsn, channel string) {
	b.live.Store(false)
	b.channel = channel
	var listening atomic.Bool
	b.listener = pq.NewListener(dsn, 100*time.Millisecond, 5*time.Second, func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventDisconnected, pq.ListenerEventConnectionAttemptFailed:
			if b.live.Swap(false) {
				slog.Warn("cache invalidation: lost the database connection; viewers are read on every request until it is back", "err", err)
			}
			b.publish(Change{Kind: All})
		}
	})
	go func() {
		if err := b.listener.Listen(channel); err != nil {
			slog.Error("cache invalidation: LISTEN failed; viewers are not cached", "channel", channel, "err", err)
			return
		}
		listening.Store(true)
		b.publish(Change{Kind: All})
		b.live.Store(true)
	}()
	go func() {
		ping := time.NewTicker(30 * time.Second) // finds a dead TCP connection
		defer ping.Stop()
		for {
			select {
			case n, ok := <-b.listener.Notify:
				if !ok {
					return
				}
				if n == nil { // reconnected (and re-LISTENed): changes may have been missed
					b.publish(Change{Kind: All})
					if listening.Load() {
						b.live.Store(true)
					}
					continue
				}
				b.publish(parse(n.Extra))
			case <-ping.C:
				go b.listener.Ping()
			case <-b.stop:
				return
			}
		}
	}()
}

// Close stops listening and detaches b's clients.
func (b *Bus) Close() {
	b.stopped.Do(func() {
		close(b.stop)
		if b.listener != nil {
			b.listener.Close()
		}
		busesMu.Lock()
		for c, x := range buses {
			if x == b {
				delete(buses, c)
			}
		}
		busesMu.Unlock()
	})
}

// notify sends the changes with the write: inside its transaction when
// there is one (PostgreSQL delivers them at commit), else right after it.
func (b *Bus) notify(ctx context.Context, c *ent.Client, cs []Change) error {
	if b.channel == "" {
		return nil
	}
	for _, ch := range cs {
		if _, err := c.ExecContext(ctx, "SELECT pg_notify($1, $2)", b.channel, ch.String()); err != nil {
			return err
		}
	}
	return nil
}
