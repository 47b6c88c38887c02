// Package store opens sanbao's database: an embedded SQLite file by default,
// PostgreSQL when a postgres:// URL is given, and brings its schema up to date.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"
	_ "modernc.org/sqlite"

	"sanbao/agreement"
	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/coverage"
	"sanbao/ent"
	"sanbao/ent/migrate"
	_ "sanbao/ent/runtime" // privacy policies and hooks; without it every query fails
)

// DefaultSQLite is the database file used when no URL is configured.
const DefaultSQLite = "sanbao.db"

// DB is an open database with its ent client.
type DB struct {
	*ent.Client
	SQL     *sql.DB
	Dialect string
}

// Open connects to url (a postgres:// URL, or a SQLite file path / file: URL)
// and migrates the schema.
func Open(ctx context.Context, url string, opts ...ent.Option) (*DB, error) {
	db, err := Connect(url, opts...)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Connect opens the database without migrating it.
func Connect(rawURL string, opts ...ent.Option) (*DB, error) {
	name, drvName, dsn := dialect.SQLite, "sqlite", sqliteDSN(rawURL)
	if strings.HasPrefix(rawURL, "postgres://") || strings.HasPrefix(rawURL, "postgresql://") {
		name, drvName, dsn = dialect.Postgres, "postgres", rawURL
	}
	sdb, err := sql.Open(drvName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	if name == dialect.SQLite {
		// WAL lets readers run beside the one writer; transactions take the
		// write lock up front (_txlock=immediate) so they wait in busy_timeout
		// instead of failing halfway when two writers meet.
		sdb.SetMaxOpenConns(4)
	} else {
		sdb.SetMaxOpenConns(32)
		sdb.SetMaxIdleConns(32)
	}
	if err := sdb.Ping(); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("connect %s: %w", name, err)
	}
	drv := entsql.OpenDB(name, sdb)
	client := ent.NewClient(append([]ent.Option{ent.Driver(drv)}, opts...)...)
	return &DB{Client: client, SQL: sdb, Dialect: name}, nil
}

// Migrate creates or updates the schema and the reference data every
// database needs (the default agreement templates).
func (db *DB) Migrate(ctx context.Context) error {
	if err := db.Schema.Create(authz.System(ctx), migrate.WithDropIndex(true)); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := coverage.Migrate(ctx, db.Client); err != nil {
		return err
	}
	if err := contactlog.FillTerms(ctx, db.Client); err != nil {
		return fmt.Errorf("contact terms: %w", err)
	}
	return agreement.EnsureDefaults(ctx, db.Client)
}

// sqliteDSN turns a path (or file: URL) into a modernc DSN with foreign keys,
// WAL and a busy timeout.
func sqliteDSN(s string) string {
	if s == "" {
		s = DefaultSQLite
	}
	path, query, _ := strings.Cut(strings.TrimPrefix(s, "file:"), "?")
	q, _ := url.ParseQuery(query)
	q.Set("_txlock", "immediate")
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	return "file:" + path + "?" + q.Encode()
}

// Counter counts the SQL statements sent through a database.
type Counter struct{ n atomic.Int64 }

// N is the count so far.
func (c *Counter) N() int64 { return c.n.Load() }

// Reset starts over.
func (c *Counter) Reset() { c.n.Store(0) }

// Counting returns db with a client whose every statement is counted; it
// shares db's connections and schema. Tests and benchmarks use it to see that
// statement counts do not grow with page sizes or data.
func Counting(db *DB) (*DB, *Counter) {
	c := &Counter{}
	drv := dialect.DebugWithContext(entsql.OpenDB(db.Dialect, db.SQL), func(context.Context, ...any) { c.n.Add(1) })
	return &DB{Client: ent.NewClient(ent.Driver(drv)), SQL: db.SQL, Dialect: db.Dialect}, c
}
