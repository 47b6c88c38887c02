// Command sanbao serves the 三包联系 system: who is responsible for every
// village, registered household and student, and whether they were contacted.
//
//	go run .                              serve on :8080 (seeds the demo county on an empty database)
//	go run . import-divisions FILE.csv    load division codes (code,name,level,parent_code)
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"sanbao/agreement"
	"sanbao/auth"
	"sanbao/authz"
	"sanbao/demo"
	"sanbao/divimport"
	"sanbao/graph"
	"sanbao/importjob"
	"sanbao/store"
)

// config comes from the environment; see README.
type config struct {
	DatabaseURL string // postgres://… or a SQLite file path
	Port        string
	Production  bool
	Seed        bool
}

func loadConfig() config {
	c := config{DatabaseURL: os.Getenv("DATABASE_URL"), Port: os.Getenv("PORT"),
		Production: os.Getenv("SANBAO_ENV") == "production", Seed: os.Getenv("SANBAO_SEED") != "off"}
	if c.DatabaseURL == "" {
		c.DatabaseURL = store.DefaultSQLite
	}
	if c.Port == "" {
		c.Port = "8080"
	}
	return c
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch cmd := argOr(1, "serve"); cmd {
	case "serve":
		err = serve(ctx, loadConfig())
	case "import-divisions":
		err = importDivisions(ctx, loadConfig(), os.Args[2:])
	case "-h", "--help", "help":
		fmt.Println("usage: sanbao [serve | import-divisions FILE.csv ...]")
	default:
		err = fmt.Errorf("unknown command %q (try: serve, import-divisions)", cmd)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sanbao:", err)
		os.Exit(1)
	}
}

func argOr(i int, def string) string {
	if len(os.Args) > i {
		return os.Args[i]
	}
	return def
}

func importDivisions(ctx context.Context, c config, files []string) error {
	if len(files) == 0 {
		return errors.New("usage: sanbao import-divisions FILE.csv ...")
	}
	db, err := store.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return err
		}
		res, err := divimport.Import(ctx, db.Client, fh)
		fh.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		fmt.Printf("%s: %d 行,新增 %d,更新 %d,未变 %d\n", f, res.Rows, res.Inserted, res.Updated, res.Unchanged)
	}
	return nil
}

// seedIfEmpty builds the demo county on a database with no people.
func seedIfEmpty(ctx context.Context, db *store.DB) error {
	n, err := db.Person.Query().Count(authz.System(ctx))
	if err != nil || n > 0 {
		return err
	}
	start := time.Now()
	sum, err := demo.SeedZhuozhou(ctx, db.Client)
	if err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	slog.Info("seeded demo county 涿州市", "orgs", sum.Orgs, "people", sum.People,
		"households", sum.Households, "students", sum.Students, "took", time.Since(start).Round(time.Millisecond))
	for _, a := range demo.SortedAccounts() {
		slog.Info("demo account", "phone", a.Phone, "password", demo.Password, "role", a.Role, "org", a.Org)
	}
	return nil
}

// routes is the whole HTTP surface.
func routes(db *store.DB, c config) http.Handler {
	a := auth.New(db.Client, authz.Default())
	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.Handler(db.Client, a, graph.Options{Production: c.Production, Secure: c.Production}))
	mux.Handle("GET /agreements/", a.Middleware(agreement.Handler(db.Client)))
	mux.Handle("/imports/", a.Middleware(importjob.Handler(db.Client, importjob.NewRunner(db.Client, importjob.Options{}))))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := db.SQL.PingContext(r.Context()); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok\n"))
	})
	mux.Handle("/", spaHandler())
	return securityHeaders(mux)
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

func serve(ctx context.Context, c config) error {
	db, err := store.Open(ctx, c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	if c.Seed {
		if err := seedIfEmpty(ctx, db); err != nil {
			return err
		}
	}
	srv := &http.Server{
		Addr: ":" + c.Port, Handler: routes(db, c),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	slog.Info("sanbao listening", "addr", "http://localhost:"+c.Port, "database", db.Dialect)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	}
}
