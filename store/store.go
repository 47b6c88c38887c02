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
	"sanbao/aid"
	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/coverage"
	"sanbao/ent"
	"sanbao/ent/migrate"
	_ "sanbao/ent/runtime" // privacy policies and hooks; without it every query fails
	"sanbao/invalidate"
)

// DefaultSQLite is the database file used when no URL is configured.
const DefaultSQLite = "sanbao.db"

// DB is an open database with its ent client.
type DB struct {
	*ent.Client
	SQL     *sql.DB
	Dialect string
	path    string          // the SQLite file; "" for PostgreSQL and in-memory SQLite
	bus     *invalidate.Bus // nil for a second client over the same connections
}

// Open connects to url (a postgres:// URL, or a SQLite file path / file: URL),
// creating a missing PostgreSQL database, and migrates the schema under the
// setup lock (see Setup).
func Open(ctx context.Context, url string, opts ...ent.Option) (*DB, error) {
	db, err := Connect(url, opts...)
	if err != nil {
		return nil, err
	}
	if err := db.Setup(ctx, nil); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Connect opens the database without migrating it. A PostgreSQL database
// that does not exist yet is created (see ensureDatabase).
func Connect(rawURL string, opts ...ent.Option) (*DB, error) {
	name, drvName, dsn := dialect.SQLite, "sqlite", sqliteDSN(rawURL)
	if isPostgres(rawURL) {
		name, drvName, dsn = dialect.Postgres, "postgres", PostgresDSN(rawURL)
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
	err = sdb.Ping()
	if name == dialect.Postgres && sqlState(err) == "3D000" { // invalid_catalog_name: no such database
		if err = createDatabase(rawURL); err == nil {
			err = sdb.Ping()
		}
	}
	if err != nil {
		sdb.Close()
		if name == dialect.Postgres {
			return nil, postgresError(rawURL, err)
		}
		return nil, fmt.Errorf("open SQLite database %s: %w", sqlitePath(rawURL), err)
	}
	drv := entsql.OpenDB(name, sdb)
	client := ent.NewClient(append([]ent.Option{ent.Driver(drv)}, opts...)...)
	db := &DB{Client: client, SQL: sdb, Dialect: name, bus: invalidate.Of(client)}
	if name == dialect.SQLite {
		db.path = sqlitePath(rawURL)
		return db, nil
	}
	// Cached viewers are dropped on every instance over this database (and
	// schema: tests share one database) when what they may do changes.
	var schema string
	if err := sdb.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	db.bus.Listen(rawURL, "sanbao_viewers_"+schema)
	return db, nil
}

// Close stops listening for changes and closes the database.
func (db *DB) Close() error {
	if db.bus != nil {
		db.bus.Close()
	}
	return db.Client.Close()
}

// Setup brings the schema up to date, then runs seed (when not nil), while
// holding the database's setup lock: servers started at once on an empty
// database migrate and seed one after the other, so the first does the work
// and the others find it done. On PostgreSQL the lock is a session advisory
// lock (per schema), on SQLite an exclusive transaction on a lock file beside
// the database; both are released by the operating system if the process
// dies.
func (db *DB) Setup(ctx context.Context, seed func(context.Context) error) error {
	unlock, err := db.lockSetup(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	if seed != nil {
		return seed(ctx)
	}
	return nil
}

// Migrate creates or updates the schema and the reference data every
// database needs (the default agreement templates and aid catalog).
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
	if err := aid.EnsureDefaults(ctx, db.Client); err != nil {
		return fmt.Errorf("aid catalog: %w", err)
	}
	return agreement.EnsureDefaults(ctx, db.Client)
}

// sqliteDSN turns a path (or file: URL) into a modernc DSN with foreign keys,
// WAL, a busy timeout, times in UTC and synchronous=FULL, so a contact acknowledged to a
// phone survives a power loss (NORMAL may lose the last commits in WAL mode;
// the cost is measured by BenchmarkContactWrite). A _pragma=synchronous(…) in
// the URL wins.
func sqliteDSN(s string) string {
	if s == "" {
		s = DefaultSQLite
	}
	path, query, _ := strings.Cut(strings.TrimPrefix(s, "file:"), "?")
	q, _ := url.ParseQuery(query)
	q.Set("_txlock", "immediate")
	// Every time is written and compared in UTC: the driver's default form
	// of a zone without a name (GraphQL's "+08:00" gives "+0800 +0800")
	// cannot be read back, and text comparisons need one zone.
	q.Set("_timezone", "UTC")
	pragmas := []string{"busy_timeout(10000)", "foreign_keys(1)", "journal_mode(WAL)", "synchronous(FULL)"}
	for _, p := range q["_pragma"] {
		if strings.HasPrefix(strings.ToLower(p), "synchronous") {
			pragmas = pragmas[:3]
		}
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	return "file:" + path + "?" + q.Encode()
}

// sqlitePath is the file of a SQLite URL, or "" for an in-memory database.
func sqlitePath(s string) string {
	if s == "" {
		s = DefaultSQLite
	}
	path, query, _ := strings.Cut(strings.TrimPrefix(s, "file:"), "?")
	if path == ":memory:" || strings.Contains(query, "mode=memory") {
		return ""
	}
	return path
}

// PostgresDSN asks lib/pq for binary_parameters (unless the URL says
// otherwise): a statement with arguments then costs one round trip (the
// unnamed statement is parsed, bound and executed at once) instead of two
// (prepare, then execute). Only []byte arguments change form, and sanbao
// sends those to bytea columns only (no jsonb fields): TestBinaryParameters.
func PostgresDSN(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL // sql.Open reports it
	}
	q := u.Query()
	if q.Get("binary_parameters") == "" {
		q.Set("binary_parameters", "yes")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func isPostgres(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
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
	client := ent.NewClient(ent.Driver(drv))
	invalidate.Attach(client, invalidate.Of(db.Client))
	return &DB{Client: client, SQL: db.SQL, Dialect: db.Dialect}, c
}

// Busy says err is a lock wait that ran out (SQLite's busy timeout) or a
// deadlock or serialization failure (PostgreSQL): nothing was written and
// the same work may succeed later.
func Busy(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	for _, m := range []string{"SQLITE_BUSY", "database is locked", "40P01", "40001", "deadlock detected", "could not serialize"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
