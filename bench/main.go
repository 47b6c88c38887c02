// Command bench generates a county- or province-scale sanbao database in
// PostgreSQL and measures sanbao's hot operations on it, each through the real
// GraphQL endpoint and, in the same run, through hand-written SQL (the floor).
//
//	go run ./bench gen --scale county|province [--db URL] [--seed N] [--today YYYY-MM-DD]
//	go run ./bench run [--scale county|province] [--db URL] [--duration 5s]
//
// See bench/README.md.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/lib/pq"
	"golang.org/x/crypto/bcrypt"

	"sanbao/contactlog"
	"sanbao/demo"
	"sanbao/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		err = genCmd(ctx, os.Args[2:])
	case "run":
		err = runCmd(ctx, os.Args[2:])
	case "-h", "--help", "help":
		usage()
	default:
		usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  go run ./bench gen --scale county|province [--db URL] [--seed N] [--today YYYY-MM-DD] [--keep-indexes] [--jobs N]
  go run ./bench run [--scale county|province] [--db URL] [--duration 5s] [--clients 1,16]

The default database is postgres://postgres@127.0.0.1:5432/sanbao_bench_<scale>?sslmode=disable.
`)
}

func defaultURL(scale string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:5432/sanbao_bench_%s?sslmode=disable", scale)
}

// ensureDatabase creates the URL's database if it does not exist.
func ensureDatabase(ctx context.Context, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(u.Path, "/")
	if name == "" {
		return errors.New("the database URL names no database")
	}
	admin := *u
	admin.Path = "/postgres"
	q := admin.Query()
	q.Del("search_path")
	admin.RawQuery = q.Encode()
	db, err := sql.Open("postgres", admin.String())
	if err != nil {
		return err
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("PostgreSQL at %s: %w", u.Host, err)
	}
	if !exists {
		if _, err := db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
			return err
		}
	}
	return nil
}

// findDivisions looks for the shared Hebei file beside the repository.
func findDivisions(flagPath string) string {
	if flagPath != "" {
		return flagPath
	}
	for _, p := range []string{"../shared/data/divisions/hebei-2023.csv", "../../shared/data/divisions/hebei-2023.csv"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "../shared/data/divisions/hebei-2023.csv"
}

// meta is what gen records in the database for run to report.
type meta struct {
	Scale         string         `json:"scale"`
	Seed          uint64         `json:"seed"`
	Today         string         `json:"today"`
	Rows          int            `json:"rows"`
	PerTable      map[string]int `json:"per_table"`
	Generate      float64        `json:"generate_s"`
	Copy          float64        `json:"copy_s"`
	Rebuild       float64        `json:"rebuild_s"`
	Aggregates    float64        `json:"aggregates_s"`
	Analyze       float64        `json:"analyze_s"`
	DropIndexes   bool           `json:"drop_indexes"`
	Jobs          int            `json:"jobs"`
	DatabaseBytes int64          `json:"database_bytes"`
	At            time.Time      `json:"at"`
}

func (m meta) copyRate() float64  { return float64(m.Rows) / m.Copy }
func (m meta) totalRate() float64 { return float64(m.Rows) / (m.Copy + m.Rebuild) }

func genCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	scaleName := fs.String("scale", "county", "county or province")
	dbURL := fs.String("db", "", "PostgreSQL URL (default postgres://postgres@127.0.0.1:5432/sanbao_bench_<scale>?sslmode=disable)")
	seed := fs.Uint64("seed", 20190303, "random seed: the same seed and --today give the same data")
	todayFlag := fs.String("today", "", "the day the data ends (contacts up to it, this month half done), YYYY-MM-DD; default today in China")
	divFlag := fs.String("divisions", "", "division CSV (default ../shared/data/divisions/hebei-2023.csv)")
	keep := fs.Bool("keep-indexes", false, "COPY into the tables with their indexes and foreign keys in place (slower; for comparison)")
	jobs := fs.Int("jobs", 2, "tables loaded at once, and indexes rebuilt at once (without --keep-indexes)")
	force := fs.Bool("force", false, "allow a database whose name does not start with sanbao_bench (its schema is dropped!)")
	fs.Parse(args)
	sc, ok := scales[*scaleName]
	if !ok {
		return fmt.Errorf("unknown scale %q (county or province)", *scaleName)
	}
	if *dbURL == "" {
		*dbURL = defaultURL(sc.Name)
	}
	today := time.Now().In(contactlog.China)
	if *todayFlag != "" {
		t, err := time.ParseInLocation("2006-01-02", *todayFlag, contactlog.China)
		if err != nil {
			return fmt.Errorf("--today: %w", err)
		}
		today = t.Add(12 * time.Hour)
	}
	divPath := findDivisions(*divFlag)
	divs, err := readDivisions(divPath, sc.County)
	if err != nil {
		return err
	}
	u, err := url.Parse(*dbURL)
	if err != nil {
		return err
	}
	if !strings.HasPrefix(strings.TrimPrefix(u.Path, "/"), "sanbao_bench") && !*force {
		return fmt.Errorf("refusing to drop the schema of database %q: its name does not start with sanbao_bench (use --force)", u.Path)
	}
	if err := ensureDatabase(ctx, *dbURL); err != nil {
		return err
	}
	fmt.Printf("bench gen: scale %s, seed %d, today %s, divisions %s (%d rows)\n", sc.Name, *seed, today.Format("2006-01-02"), divPath, len(divs))

	// An empty schema, then sanbao's own migration (tables, indexes,
	// identity ranges, default agreement templates).
	raw, err := sql.Open("postgres", *dbURL)
	if err != nil {
		return err
	}
	defer raw.Close()
	raw.SetMaxOpenConns(8)
	var schema string
	if err := raw.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return err
	}
	if _, err := raw.ExecContext(ctx, fmt.Sprintf("DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", pq.QuoteIdentifier(schema), pq.QuoteIdentifier(schema))); err != nil {
		return err
	}
	t0 := time.Now()
	db, err := store.Open(ctx, *dbURL)
	if err != nil {
		return err
	}
	db.Close()
	fmt.Printf("migrated in %v\n", time.Since(t0).Round(time.Millisecond))

	hash, err := bcrypt.GenerateFromPassword([]byte(demo.Password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	t0 = time.Now()
	w, err := generate(sc, divs, *seed, today, string(hash))
	if err != nil {
		return err
	}
	genTime := time.Since(t0)
	fmt.Printf("generated %d rows in memory in %v: %d divisions, %d units, %d staff (%d positions), %d households, %d students, %d assignments, %d contacts\n",
		w.rows(), genTime.Round(time.Millisecond), len(w.Divisions), len(w.Orgs), len(w.Persons), len(w.Positions),
		len(w.Households), len(w.Students), len(w.Assignments), len(w.Contacts))
	st, err := load(ctx, raw, w, string(hash), loadOptions{DropIndexes: !*keep, Jobs: *jobs}, func(f string, a ...any) { fmt.Printf(f+"\n", a...) })
	if err != nil {
		return err
	}
	m := meta{Scale: sc.Name, Seed: *seed, Today: today.Format("2006-01-02"), Rows: st.Rows, PerTable: st.PerTable,
		Generate: genTime.Seconds(), Copy: st.Copy.Seconds(), Rebuild: st.Rebuild.Seconds(), Aggregates: st.Aggregates.Seconds(), Analyze: st.Analyze.Seconds(),
		DropIndexes: st.DropIndexes, Jobs: st.Jobs, DatabaseBytes: st.DatabaseBytes, At: time.Now().UTC()}
	b, _ := json.Marshal(m)
	if _, err := raw.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`); err != nil {
		return err
	}
	if _, err := raw.ExecContext(ctx, `INSERT INTO bench_meta VALUES ('gen', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, string(b)); err != nil {
		return err
	}
	fmt.Printf("\nloaded %d rows: COPY %.1fs = %.0f rows/s; index and constraint rebuild %.1fs; COPY + rebuild %.0f rows/s; coverage counts %.1fs; ANALYZE %.1fs; database %s\n",
		m.Rows, m.Copy, m.copyRate(), m.Rebuild, m.totalRate(), m.Aggregates, m.Analyze, humanBytes(m.DatabaseBytes))
	fmt.Printf("accounts (password %s): %s overseer, %s county admin, %s teacher\n", demo.Password, PhoneOverseer, PhoneCountyAdmin, PhoneTeacher)
	return nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d kB", n>>10)
}

// resultsPath is bench/results-<scale>.md, from the repo root or bench/.
func resultsPath(scale string) string {
	name := "results-" + scale + ".md"
	if _, err := os.Stat("bench"); err == nil {
		return filepath.Join("bench", name)
	}
	return name
}
