// Command sanbao serves the 三包联系 system: who is responsible for every
// village, registered household and student, and whether they were contacted.
//
//	go run .                              serve on :8080 (seeds the demo county on an empty database)
//	go run . import-divisions FILE.csv    load division codes (code,name,level,parent_code)
//	go run . backup FILE                  copy the SQLite database to FILE (PostgreSQL: says the pg_dump command)
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"sanbao/agreement"
	"sanbao/aid"
	"sanbao/auth"
	"sanbao/authz"
	"sanbao/demo"
	"sanbao/divimport"
	"sanbao/dropout"
	"sanbao/export"
	"sanbao/graph"
	"sanbao/graphiql"
	"sanbao/importjob"
	"sanbao/lifecycle"
	"sanbao/obs"
	"sanbao/staff"
	"sanbao/store"
)

// config comes from the environment; see README.
type config struct {
	DatabaseURL  string // postgres://… or a SQLite file path
	Port         string
	Production   bool
	Seed         bool
	Metrics      bool   // serve /metrics (SANBAO_METRICS=off: not at all)
	MetricsToken string // SANBAO_METRICS_TOKEN: /metrics for remote scrapers with this bearer token
	Grace        time.Duration

	ready *readiness   // nil: always ready (tests build routes without a start-up)
	log   *slog.Logger // request log; nil: slog.Default()
}

func loadConfig() (config, error) {
	c := config{DatabaseURL: os.Getenv("DATABASE_URL"), Port: os.Getenv("PORT"),
		Production: os.Getenv("SANBAO_ENV") == "production", Seed: os.Getenv("SANBAO_SEED") != "off",
		Metrics: os.Getenv("SANBAO_METRICS") != "off", MetricsToken: os.Getenv("SANBAO_METRICS_TOKEN"),
		Grace: 25 * time.Second}
	if c.DatabaseURL == "" {
		c.DatabaseURL = store.DefaultSQLite
	}
	if c.Port == "" {
		c.Port = "8080"
	}
	if g := os.Getenv("SANBAO_SHUTDOWN_GRACE"); g != "" {
		d, err := time.ParseDuration(g)
		if n, aerr := strconv.Atoi(g); aerr == nil {
			d, err = time.Duration(n)*time.Second, nil
		}
		if err != nil || d < 0 {
			return c, fmt.Errorf("SANBAO_SHUTDOWN_GRACE=%q: want a duration such as 25s or 2m", g)
		}
		c.Grace = d
	}
	return c, nil
}

func main() {
	// Every log line is one JSON object (see package obs for the request log).
	slog.SetDefault(slog.New(slog.NewJSONHandler(os.Stderr, nil)))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // a second signal during the graceful shutdown ends the process
	c, err := loadConfig()
	if err == nil {
		switch cmd := argOr(1, "serve"); cmd {
		case "serve":
			err = serve(ctx, c)
		case "import-divisions":
			err = importDivisions(ctx, c, os.Args[2:])
		case "backup":
			err = backup(ctx, c, os.Args[2:], os.Stdout)
		case "-h", "--help", "help":
			fmt.Println("usage: sanbao [serve | import-divisions FILE.csv ... | backup FILE]")
		default:
			err = fmt.Errorf("unknown command %q (try: serve, import-divisions, backup)", cmd)
		}
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
		fmt.Printf("%s：%d 行，新增 %d，更新 %d，未变 %d\n", f, res.Rows, res.Inserted, res.Updated, res.Unchanged)
	}
	// A province loaded now gets its default aid catalog at once.
	return aid.EnsureDefaults(ctx, db.Client)
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
	if err := demo.SeedDropout(ctx, db.Client, time.Now()); err != nil {
		return fmt.Errorf("seed dropout control: %w", err)
	}
	if err := demo.SeedInspection(ctx, db.Client, time.Now()); err != nil {
		return fmt.Errorf("seed inspections: %w", err)
	}
	slog.Info("seeded demo county 涿州市", "orgs", sum.Orgs, "people", sum.People,
		"households", sum.Households, "students", sum.Students, "took", time.Since(start).Round(time.Millisecond))
	for _, a := range demo.SortedAccounts() {
		// The password is in README, not in the log.
		slog.Info("demo account", "phone", a.Phone, "role", a.Role, "org", a.Org)
	}
	return nil
}

// routes is the whole HTTP surface.
func routes(db *store.DB, c config) http.Handler {
	a := auth.New(db.Client, authz.Default())
	staff.UseAuth(a)
	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.Handler(db.Client, a, graph.Options{Production: c.Production, Secure: c.Production}))
	mux.Handle("GET /agreements/", a.Middleware(noteViewer(agreement.Handler(db.Client))))
	runner := importjob.NewRunner(db.Client, importjob.Options{})
	lifecycle.OnShutdown("import jobs", runner.Shutdown)
	mux.Handle("/imports/", a.Middleware(noteViewer(importjob.Handler(db.Client, runner))))
	mux.Handle("GET /exports/", a.Middleware(noteViewer(export.Handler(db.Client))))
	// Only the PDF: /dropout/cases/{id} itself is the app's case page.
	mux.Handle("GET /dropout/cases/{id}/notice.pdf", a.Middleware(noteViewer(dropout.NoticeHandler(db.Client))))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n")) // liveness: the process serves; readiness is /readyz
	})
	mux.Handle("GET /readyz", readyz(db, c.ready))
	if c.Metrics {
		mux.Handle("GET /metrics", obs.MetricsHandler(c.MetricsToken))
	}
	if !c.Production {
		mux.Handle("GET "+graphiql.Prefix, graphiql.Assets())
	}
	mux.Handle("/", spaHandler())
	log := c.log
	if log == nil {
		log = slog.Default()
	}
	return securityHeaders(obs.Middleware(log, c.ready.gate(mux)))
}

// noteViewer puts the signed-in viewer into the request log (GraphQL
// requests do it in graph/observe.go).
func noteViewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v := authz.FromContext(r.Context()); v != nil {
			obs.From(r.Context()).SetViewer(v.PersonID, v.TokenID)
		}
		next.ServeHTTP(w, r)
	})
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

// serve listens at once, so /healthz and /readyz answer while the database
// is migrated (and the demo county seeded) under the setup lock; the app's
// routes answer 503 until then.
func serve(ctx context.Context, c config) error {
	db, err := store.Connect(c.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	obs.WatchDB(db.SQL)
	c.ready = &readiness{}
	ln, err := net.Listen("tcp", ":"+c.Port)
	if err != nil {
		return err
	}
	s := &server{http: &http.Server{
		Handler:           routes(db, c),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second,
	}, grace: c.Grace, hooks: lifecycle.Default, ready: c.ready}
	setup := make(chan error, 1)
	go func() {
		setup <- db.Setup(ctx, func(ctx context.Context) error {
			if c.Seed {
				return seedIfEmpty(ctx, db)
			}
			return nil
		})
	}()
	// The checks (四查三比对) run daily over every county; on demand too.
	lifecycle.OnShutdown("dropout checks", dropout.StartScheduler(db.Client, 24*time.Hour, dropout.DefaultConfig).Stop)
	gogc, memLimit := tuneGC()
	slog.Info("sanbao listening", "addr", "http://localhost:"+c.Port, "database", db.Dialect, "shutdown_grace", c.Grace.String(),
		"gogc", gogc, "gomemlimit_mib", memLimit>>20)
	return s.run(ctx, ln, setup)
}
