package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"
)

// lockSetup takes the setup lock (see Setup) and returns its release.
func (db *DB) lockSetup(ctx context.Context) (func(), error) {
	if db.Dialect == dialect.Postgres {
		return lockPostgres(ctx, db.SQL)
	}
	if db.path == "" {
		return func() {}, nil // in memory: no other process can see it
	}
	return lockSQLite(ctx, db.path+".setup-lock")
}

// lockPostgres holds a session advisory lock on a connection of its own. The
// key is per schema, so tests (a schema each, one database) do not wait for
// each other.
func lockPostgres(ctx context.Context, sdb *sql.DB) (func(), error) {
	conn, err := sdb.Conn(ctx)
	if err != nil {
		return nil, err
	}
	const key = `hashtext('sanbao setup ' || coalesce(current_schema(), current_setting('search_path')))`
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(`+key+`)`).Scan(&got); err != nil {
		conn.Close()
		return nil, fmt.Errorf("setup lock: %w", err)
	}
	if !got {
		slog.Info("waiting for another sanbao to finish migrating or seeding the database")
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
			conn.Close()
			return nil, fmt.Errorf("setup lock: %w", err)
		}
	}
	return func() {
		// Closing the connection ends the session and its lock even if the
		// unlock fails.
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(`+key+`)`)
		conn.Close()
	}, nil
}

// lockSQLite holds an exclusive transaction on a small SQLite file beside the
// database. SQLite's file locks work between processes and between
// connections of one process, and die with the process.
func lockSQLite(ctx context.Context, path string) (func(), error) {
	ldb, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return nil, err
	}
	ldb.SetMaxOpenConns(1)
	conn, err := ldb.Conn(ctx)
	if err != nil {
		ldb.Close()
		return nil, fmt.Errorf("setup lock %s: %w", path, err)
	}
	for waiting := false; ; {
		_, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE")
		if err == nil {
			break
		}
		var se interface{ Code() int }
		if !errors.As(err, &se) || se.Code()&0xff != 5 { // SQLITE_BUSY
			conn.Close()
			ldb.Close()
			return nil, fmt.Errorf("setup lock %s: %w", path, err)
		}
		if !waiting {
			waiting = true
			slog.Info("waiting for another sanbao to finish migrating or seeding the database", "lock", path)
		}
		select {
		case <-ctx.Done():
			conn.Close()
			ldb.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return func() {
		conn.ExecContext(context.Background(), "ROLLBACK")
		conn.Close()
		ldb.Close()
	}, nil
}

// sqlState is the SQLSTATE of a PostgreSQL error, or "".
func sqlState(err error) string {
	var se interface{ SQLState() string }
	if errors.As(err, &se) {
		return se.SQLState()
	}
	return ""
}

// createDatabase creates the database named in rawURL by connecting to the
// maintenance database (postgres) of the same server as the same user.
func createDatabase(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(u.Path, "/")
	admin := *u
	q := admin.Query()
	q.Del("search_path")
	admin.RawQuery = q.Encode()
	admin.Path = "/postgres"
	adb, err := sql.Open("postgres", admin.String())
	if err != nil {
		return err
	}
	defer adb.Close()
	_, err = adb.Exec("CREATE DATABASE " + pq.QuoteIdentifier(name))
	switch sqlState(err) {
	case "":
		if err != nil {
			return err
		}
		slog.Info("created the PostgreSQL database", "database", name, "server", u.Host)
		return nil
	case "42P04", "23505": // another server created it at the same moment
		return nil
	case "42501": // insufficient_privilege
		return fmt.Errorf("PostgreSQL database %q does not exist on %s and user %q may not create it: "+
			"ask its administrator to run: createdb -h %s -p %s -U postgres -O %s %s",
			name, u.Host, u.User.Username(), u.Hostname(), portOr(u, "5432"), u.User.Username(), name)
	}
	return fmt.Errorf("PostgreSQL database %q does not exist on %s, and creating it failed: %w", name, u.Host, err)
}

// postgresError says what went wrong connecting: an unreachable server is
// told apart from one that answered with an error.
func postgresError(rawURL string, err error) error {
	where := rawURL
	if u, perr := url.Parse(rawURL); perr == nil {
		where = u.Host + u.Path
	}
	if state := sqlState(err); state != "" {
		return fmt.Errorf("PostgreSQL at %s refused: %w", where, err)
	}
	return fmt.Errorf("PostgreSQL at %s is unreachable (is the server running and DATABASE_URL right?): %w", where, err)
}

func portOr(u *url.URL, def string) string {
	if p := u.Port(); p != "" {
		return p
	}
	return def
}

// EnsureDatabase checks that the PostgreSQL server of rawURL answers and
// creates the URL's database if it does not exist yet.
func EnsureDatabase(rawURL string) error {
	sdb, err := sql.Open("postgres", rawURL)
	if err != nil {
		return err
	}
	defer sdb.Close()
	err = sdb.Ping()
	if sqlState(err) == "3D000" {
		if err = createDatabase(rawURL); err == nil {
			err = sdb.Ping()
		}
	}
	if err != nil {
		return postgresError(rawURL, err)
	}
	return nil
}
