package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"net"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/schema/field"
	"github.com/lib/pq"

	"sanbao/ent/migrate"

	"sanbao/store"
	"sanbao/store/storetest"
)

func TestPostgresDSN(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u@h:5432/db?sslmode=disable":                   "binary_parameters=yes&sslmode=disable",
		"postgres://u@h/db":                                        "binary_parameters=yes",
		"postgres://u@h/db?binary_parameters=no&sslmode=disable":   "binary_parameters=no&sslmode=disable",
		"postgresql://u@h/db?search_path=t1&binary_parameters=yes": "search_path=t1&binary_parameters=yes",
	} {
		if got := store.PostgresDSN(in); !strings.HasSuffix(got, "?"+want) {
			t.Errorf("PostgresDSN(%q) = %q, want query %q", in, got, want)
		}
	}
}

// countingDialer counts what the client sends (lib/pq writes once per
// flush, so once per round trip).
type countingDialer struct{ writes atomic.Int64 }

type countingConn struct {
	net.Conn
	d *countingDialer
}

func (c countingConn) Write(b []byte) (int, error) { c.d.writes.Add(1); return c.Conn.Write(b) }

func (d *countingDialer) Dial(network, addr string) (net.Conn, error) {
	return d.DialTimeout(network, addr, 5*time.Second)
}

func (d *countingDialer) DialTimeout(network, addr string, timeout time.Duration) (net.Conn, error) {
	c, err := net.DialTimeout(network, addr, timeout)
	if err != nil {
		return nil, err
	}
	return countingConn{c, d}, nil
}

// A statement with arguments costs one round trip with the DSN sanbao
// builds, two without; bytes sent to bytea (signatures, uploaded files)
// come back unchanged in binary form.
func TestBinaryParameters(t *testing.T) {
	if !slices.Contains(storetest.Dialects(), "postgres") {
		t.Skip("PostgreSQL off")
	}
	ctx := context.Background()
	png := []byte{0x89, 'P', 'N', 'G', 0, 0xff, '\\', 'x', 0}
	for _, c := range []struct {
		dsn  string
		trip int64
	}{{store.PostgresDSN(storetest.PostgresURL()), 1}, {storetest.PostgresURL(), 2}} {
		d := &countingDialer{}
		cn, err := pq.NewConnector(c.dsn)
		if err != nil {
			t.Fatal(err)
		}
		cn.Dialer(d)
		db := sql.OpenDB(cn)
		var one int
		if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil { // connect first
			t.Fatal(err)
		}
		before := d.writes.Load()
		var name string
		if err := db.QueryRowContext(ctx, "SELECT $1::text || $2::text", "三包", 1).Scan(&name); err != nil || name != "三包1" {
			t.Fatalf("%s: %q %v", c.dsn, name, err)
		}
		if got := d.writes.Load() - before; got != c.trip {
			t.Errorf("%s: %d round trips for a statement with arguments, want %d", c.dsn, got, c.trip)
		}
		var back []byte
		if err := db.QueryRowContext(ctx, "SELECT $1::bytea", png).Scan(&back); err != nil || !bytes.Equal(back, png) {
			t.Errorf("%s: bytea %x → %x (%v)", c.dsn, png, back, err)
		}
		db.Close()
	}
}

// Every list (JSON) column is json on PostgreSQL: jsonb refuses the binary
// form lib/pq sends []byte in (see ent/schema/text.go, jsonText).
func TestJSONColumnsAreJSON(t *testing.T) {
	for _, tb := range migrate.Tables {
		for _, c := range tb.Columns {
			if c.Type == field.TypeJSON && c.SchemaType[dialect.Postgres] != "json" {
				t.Errorf("%s.%s: a JSON field without .SchemaType(jsonText)", tb.Name, c.Name)
			}
		}
	}
}

// BenchmarkStatementWithArguments: one statement with an argument over
// lib/pq, with the DSN sanbao builds (one round trip) and without (two).
func BenchmarkStatementWithArguments(b *testing.B) {
	if !slices.Contains(storetest.Dialects(), "postgres") {
		b.Skip("PostgreSQL off")
	}
	for name, dsn := range map[string]string{"binary": store.PostgresDSN(storetest.PostgresURL()), "prepare": storetest.PostgresURL()} {
		b.Run(name, func(b *testing.B) {
			db, err := sql.Open("postgres", dsn)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			var n int
			for b.Loop() {
				if err := db.QueryRow("SELECT $1::int + 1", 41).Scan(&n); err != nil || n != 42 {
					b.Fatal(n, err)
				}
			}
		})
	}
}
