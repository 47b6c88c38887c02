package main

import (
	"bytes"
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// rowCounts counts the rows of every table of a SQLite database.
func rowCounts(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	rows, err := db.SQL.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, tb := range tables {
		var n int
		if err := db.SQL.QueryRow(`SELECT count(*) FROM "` + tb + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

// sanbao backup FILE copies a SQLite database that opens with the same rows;
// for PostgreSQL it gives the pg_dump command (issue 10, item 26).
func TestBackup(t *testing.T) {
	path := storetest.URL(t, "sqlite")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fixture.BuildSmall(t, db)
	// Migration completes reference data for what the fixture added (the aid
	// catalog of its province), as a restart would: the backup opens migrated.
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := rowCounts(t, db)
	if want["students"] == 0 || want["persons"] == 0 || len(want) < 10 {
		t.Fatalf("fixture tables: %v", want)
	}

	file := filepath.Join(t.TempDir(), "backup 1.db")
	var out bytes.Buffer
	if err := backup(context.Background(), config{DatabaseURL: path}, []string{file}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "backed up to") {
		t.Errorf("output %q", out.String())
	}
	copyDB, err := store.Open(context.Background(), file)
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer copyDB.Close()
	got := rowCounts(t, copyDB)
	for tb, n := range want {
		if got[tb] != n {
			t.Errorf("%s: %d rows in the backup, %d in the database", tb, got[tb], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("tables: %d in the backup, %d in the database", len(got), len(want))
	}
	if err := backup(context.Background(), config{DatabaseURL: path}, []string{file}, &out); err == nil {
		t.Error("backup overwrote an existing file")
	}

	if len(storetest.Dialects()) < 2 {
		return
	}
	pg, _ := url.Parse(storetest.URL(t, "postgres"))
	pg.User = url.UserPassword("postgres", "hunter2")
	out.Reset()
	err = backup(context.Background(), config{DatabaseURL: pg.String()}, []string{"/tmp/x.dump"}, &out)
	s := out.String()
	if err == nil || !strings.Contains(s, "pg_dump --format=custom --file='/tmp/x.dump' --schema='t_") ||
		!strings.Contains(s, "pg_restore") || strings.Contains(s, "hunter2") || strings.Contains(s, "search_path") {
		t.Errorf("PostgreSQL backup: %v\n%s", err, s)
	}
}
