package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"entgo.io/ent/dialect"

	"sanbao/store"
)

// backup writes a consistent copy of the SQLite database to file with VACUUM
// INTO, while the server may keep running. For PostgreSQL it prints the
// pg_dump command (and fails: no copy was made).
func backup(ctx context.Context, c config, args []string, out io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: sanbao backup FILE")
	}
	file := args[0]
	db, err := store.Connect(c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Dialect == dialect.Postgres {
		fmt.Fprintf(out, "For PostgreSQL, back up with pg_dump (it takes a consistent snapshot while sanbao runs):\n\n"+
			"  %s\n\nRestore into an empty database with:\n\n  %s\n",
			pgCommand("pg_dump --format=custom --file="+shellQuote(file), c.DatabaseURL),
			pgCommand("pg_restore --no-owner --exit-on-error --dbname", c.DatabaseURL)+" "+shellQuote(file))
		return errors.New("no backup made: use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("%s exists: backup writes a new file", file)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	if _, err := db.SQL.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "backed up to %s (%d KB)\n", file, st.Size()>>10)
	return nil
}

// pgCommand appends the database URL to a pg_dump/pg_restore command line,
// without its password (pg_dump reads PGPASSWORD or ~/.pgpass) and with
// sanbao's search_path turned into --schema, which libpq does not accept in
// a URL.
func pgCommand(cmd, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return cmd + " '$DATABASE_URL'"
	}
	q := u.Query()
	if s := q.Get("search_path"); s != "" && strings.HasPrefix(cmd, "pg_dump") {
		cmd += " --schema=" + shellQuote(s)
	}
	q.Del("search_path")
	u.RawQuery = q.Encode()
	if _, has := u.User.Password(); has {
		u.User = url.User(u.User.Username())
		cmd = "PGPASSWORD=… " + cmd
	}
	return cmd + " " + shellQuote(u.String())
}

func shellQuote(s string) string {
	out := "'"
	for _, r := range s {
		if r == '\'' {
			out += `'\''`
		} else {
			out += string(r)
		}
	}
	return out + "'"
}
