// Package storetest gives each test its own freshly migrated database: a
// SQLite file in the test's temp dir, and a PostgreSQL schema of its own.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"sanbao/store"
)

// PostgresURL is the server tests use; SANBAO_TEST_PG overrides it and
// SANBAO_TEST_PG=off runs the SQLite half only.
func PostgresURL() string {
	if u := os.Getenv("SANBAO_TEST_PG"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// Dialects are the databases every storage test runs on.
func Dialects() []string {
	if os.Getenv("SANBAO_TEST_PG") == "off" {
		return []string{"sqlite"}
	}
	return []string{"sqlite", "postgres"}
}

// Each runs fn once per dialect, each on a new database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, d := range Dialects() {
		t.Run(d, func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// Open returns a new migrated database of the dialect, removed after the test.
func Open(t testing.TB, dialect string) *store.DB {
	t.Helper()
	u := URL(t, dialect)
	db, err := store.Open(context.Background(), u)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// URL creates an empty database of the dialect and returns its URL.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return filepath.Join(t.TempDir(), "test.db")
	}
	base := PostgresURL()
	if err := ensureDatabase(); err != nil {
		t.Fatalf("%v (or set SANBAO_TEST_PG=off for the SQLite half only)", err)
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("postgres at %s: %v", base, err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("postgres", base)
		if err == nil {
			a.Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	pu, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := pu.Query()
	q.Set("search_path", schema)
	pu.RawQuery = q.Encode()
	return pu.String()
}

// ensureDatabase creates the tests' database (once per test binary) if it
// is missing.
var ensureDatabase = sync.OnceValue(func() error { return store.EnsureDatabase(PostgresURL()) })

// Name is a label for benchmark and log output.
func Name(dialect string) string { return fmt.Sprintf("db=%s", dialect) }
