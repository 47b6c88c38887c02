package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"reflect"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent"
	"sanbao/graph"
	"sanbao/invalidate"
	"sanbao/store"
)

// server is sanbao's GraphQL endpoint, mounted as server.go's routes mounts
// it, listening on a loopback port.
type server struct {
	url string
	srv *http.Server
}

func startServer(db *store.DB) (*server, error) {
	a := auth.New(db.Client, authz.Default())
	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.Handler(db.Client, a, graph.Options{}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{url: "http://" + ln.Addr().String() + "/graphql", srv: &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) close() { s.srv.Close() }

var httpClient = &http.Client{Transport: &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128, DisableCompression: true}}

// session is a signed-in GraphQL client.
type session struct {
	url, token string
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// do posts a query and decodes data into out.
func (s *session) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("status %d: %w: %.200s", resp.StatusCode, err, b)
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("graphql: %s (%v)", r.Errors[0].Message, r.Errors[0].Extensions["code"])
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(r.Data, out)
}

func login(ctx context.Context, url, phone string) (*session, error) {
	var out struct {
		Login struct{ Token string }
	}
	s := &session{url: url}
	if err := s.do(ctx, `mutation($p:String!,$w:String!){login(phone:$p,password:$w){token}}`,
		map[string]any{"p": phone, "w": demo.Password}, &out); err != nil {
		return nil, fmt.Errorf("login %s: %w", phone, err)
	}
	s.token = out.Login.Token
	return s, nil
}

// sample is the latencies of one measurement.
type sample struct {
	n       int
	elapsed time.Duration
	lat     []time.Duration
	err     error
}

func (s sample) pct(p float64) time.Duration {
	if len(s.lat) == 0 {
		return 0
	}
	i := int(float64(len(s.lat))*p+0.5) - 1
	return s.lat[min(max(i, 0), len(s.lat)-1)]
}

func (s sample) rps() float64 { return float64(s.n) / s.elapsed.Seconds() }

// measure runs fn from clients goroutines: first for warmup (not recorded),
// then until duration has passed and at least minN requests were made.
func measure(ctx context.Context, clients int, warmup, duration time.Duration, minN int, fn func(ctx context.Context, client, iter int) error) sample {
	run := func(d time.Duration, minN int, record bool) sample {
		var mu sync.Mutex
		var all []time.Duration
		var firstErr error
		iters := make([]int, clients)
		deadline := time.Now().Add(d)
		var done sync.WaitGroup
		var count sync.Mutex
		total := 0
		start := time.Now()
		for c := 0; c < clients; c++ {
			done.Add(1)
			go func(c int) {
				defer done.Done()
				var mine []time.Duration
				for {
					count.Lock()
					enough := total >= minN
					count.Unlock()
					if ctx.Err() != nil || time.Now().After(deadline) && enough {
						break
					}
					t0 := time.Now()
					err := fn(ctx, c, iters[c])
					lat := time.Since(t0)
					iters[c]++
					if err != nil {
						mu.Lock()
						if firstErr == nil {
							firstErr = err
						}
						mu.Unlock()
						break
					}
					mine = append(mine, lat)
					count.Lock()
					total++
					count.Unlock()
				}
				mu.Lock()
				all = append(all, mine...)
				mu.Unlock()
			}(c)
		}
		done.Wait()
		s := sample{n: len(all), elapsed: time.Since(start), lat: all, err: firstErr}
		sort.Slice(s.lat, func(i, j int) bool { return s.lat[i] < s.lat[j] })
		return s
	}
	if w := run(warmup, clients, false); w.err != nil {
		return w
	}
	return run(duration, minN, true)
}

// op is one hot operation, through GraphQL and through the floor.
type op struct {
	key, title string
	page       bool // a page read: the 30 ms and 1.5× targets apply
	// gql and floor do request iter of client and return its result,
	// normalized so that the two can be compared.
	gql   func(ctx context.Context, client, iter int) (any, error)
	floor func(ctx context.Context, client, iter int) (any, error)
	// statements runs one GraphQL request against the counting endpoint at
	// page size n (0: the operation's own); sizes are the two page sizes the
	// statement count is checked at, nil where there is no page.
	statements func(ctx context.Context, n int) error
	sizes      []int
}

type row struct {
	op         *op
	clients    int
	gql, floor sample
	stmts      []int64
	agree      string
}

func runCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	scaleName := fs.String("scale", "county", "county or province (names the default database and the results file)")
	dbURL := fs.String("db", "", "PostgreSQL URL (default postgres://postgres@127.0.0.1:5432/sanbao_bench_<scale>?sslmode=disable)")
	duration := fs.Duration("duration", 5*time.Second, "measured time per operation, concurrency and side")
	warmup := fs.Duration("warmup", time.Second, "unrecorded time before each measurement")
	clientsFlag := fs.String("clients", "1,16", "concurrent clients, comma-separated")
	only := fs.String("ops", "", "comma-separated operation keys to run (default all)")
	out := fs.String("out", "", "results file (default bench/results-<scale>.md)")
	trace := fs.Bool("trace", false, "print the SQL statements of one GraphQL request of each operation, then stop")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run (server, clients and floor together) to this file")
	fs.Parse(args)
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if *dbURL == "" {
		*dbURL = defaultURL(*scaleName)
	}
	if *out == "" {
		*out = resultsPath(*scaleName)
	}
	var clients []int
	for _, c := range strings.Split(*clientsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return fmt.Errorf("--clients: %q", c)
		}
		clients = append(clients, n)
	}
	db, err := store.Connect(*dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var m meta
	var raw []byte
	if err := db.SQL.QueryRowContext(ctx, "SELECT value FROM bench_meta WHERE key = 'gen'").Scan(&raw); err != nil {
		return fmt.Errorf("%s has no generated data (run `go run ./bench gen --scale %s` first): %w", *dbURL, *scaleName, err)
	}
	json.Unmarshal(raw, &m)
	// The floor has its own pool, as the server has.
	floorDB, err := sql.Open("postgres", store.PostgresDSN(*dbURL))
	if err != nil {
		return err
	}
	defer floorDB.Close()
	floorDB.SetMaxOpenConns(32)
	floorDB.SetMaxIdleConns(32)

	srv, err := startServer(db)
	if err != nil {
		return err
	}
	defer srv.close()
	counting, counter := store.Counting(db)
	if *trace {
		counting = tracing(db)
	}
	csrv, err := startServer(counting)
	if err != nil {
		return err
	}
	defer csrv.close()

	maxClients := 1
	for _, c := range clients {
		maxClients = max(maxClients, c)
	}
	env, err := prepare(ctx, floorDB, srv.url, maxClients)
	if err != nil {
		return err
	}
	defer env.cleanup(context.Background())
	ops := env.ops(csrv.url)
	fmt.Printf("bench run: scale %s (%d rows, generated for %s), %d CPUs, GOMAXPROCS %d, %v per measurement after %v warm-up\n",
		m.Scale, m.Rows, m.Today, runtime.NumCPU(), runtime.GOMAXPROCS(0), *duration, *warmup)

	var rows []row
	failed := false
	for _, o := range ops {
		if *only != "" && !contains(strings.Split(*only, ","), o.key) {
			continue
		}
		// The two sides must agree on the same request.
		g, err := o.gql(ctx, 0, 0)
		if err != nil {
			return fmt.Errorf("%s (GraphQL): %w", o.key, err)
		}
		f, err := o.floor(ctx, 0, 0)
		if err != nil {
			return fmt.Errorf("%s (floor): %w", o.key, err)
		}
		agree := "yes"
		if !reflect.DeepEqual(g, f) {
			agree = "NO"
			failed = true
			gj, _ := json.MarshalIndent(g, "", " ")
			fj, _ := json.MarshalIndent(f, "", " ")
			fmt.Fprintf(os.Stderr, "%s: GraphQL and floor disagree\nGraphQL: %s\nfloor:   %s\n", o.key, gj, fj)
		}
		if *trace {
			fmt.Printf("\n==== %s\n", o.key)
			n := 0
			if len(o.sizes) > 0 {
				n = o.sizes[len(o.sizes)-1]
			}
			traceOn.Store(false)
			o.statements(ctx, n)
			traceOn.Store(true)
			err := o.statements(ctx, n)
			traceOn.Store(false)
			if err != nil {
				fmt.Println("  error:", err)
			}
			continue
		}
		// Statements per request, at the operation's page size(s).
		var stmts []int64
		sizes := o.sizes
		if len(sizes) == 0 {
			sizes = []int{0}
		}
		for _, n := range sizes {
			if err := o.statements(ctx, n); err != nil { // warm the viewer cache
				return fmt.Errorf("%s (statements): %w", o.key, err)
			}
			counter.Reset()
			if err := o.statements(ctx, n); err != nil {
				return fmt.Errorf("%s (statements): %w", o.key, err)
			}
			stmts = append(stmts, counter.N())
		}
		for _, c := range clients {
			r := row{op: o, clients: c, stmts: stmts, agree: agree}
			minN := 20
			r.gql = measure(ctx, c, *warmup, *duration, minN, func(ctx context.Context, client, iter int) error {
				_, err := o.gql(ctx, client, iter+1)
				return err
			})
			r.floor = measure(ctx, c, *warmup, *duration, minN, func(ctx context.Context, client, iter int) error {
				_, err := o.floor(ctx, client, iter+1)
				return err
			})
			for _, s := range []sample{r.gql, r.floor} {
				if s.err != nil {
					return fmt.Errorf("%s at %d clients: %w", o.key, c, s.err)
				}
			}
			fmt.Printf("  %-16s c=%-2d  GraphQL p50 %7.2f p95 %7.2f ms %7.1f req/s | floor p50 %7.2f p95 %7.2f ms %7.1f req/s | ×%.2f | %v SQL\n",
				o.key, c, ms(r.gql.pct(.5)), ms(r.gql.pct(.95)), r.gql.rps(), ms(r.floor.pct(.5)), ms(r.floor.pct(.95)), r.floor.rps(),
				ratio(r.gql.pct(.5), r.floor.pct(.5)), stmts)
			rows = append(rows, r)
		}
	}
	if *trace {
		return nil
	}
	table := report(m, rows, *duration, *warmup)
	fmt.Println()
	fmt.Print(table)
	if err := os.WriteFile(*out, []byte(table), 0o644); err != nil {
		return err
	}
	fmt.Printf("\nwritten to %s\n", *out)
	if failed {
		return errors.New("GraphQL and floor disagree on at least one operation (see above)")
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if strings.TrimSpace(y) == x {
			return true
		}
	}
	return false
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

var traceOn atomic.Bool

// tracing is db with a client that prints every statement while traceOn.
func tracing(db *store.DB) *store.DB {
	drv := dialect.DebugWithContext(entsql.OpenDB(db.Dialect, db.SQL), func(_ context.Context, v ...any) {
		if traceOn.Load() {
			fmt.Println(append([]any{"  SQL:"}, v...)...)
		}
	})
	client := ent.NewClient(ent.Driver(drv))
	invalidate.Attach(client, invalidate.Of(db.Client))
	return &store.DB{Client: client, SQL: db.SQL, Dialect: db.Dialect}
}

// report is the markdown table of a run.
func report(m meta, rows []row, duration, warmup time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## sanbao bench — %s scale\n\n", m.Scale)
	fmt.Fprintf(&b, "Data: %d rows generated for %s (seed %d): ", m.Rows, m.Today, m.Seed)
	var parts []string
	for _, t := range loadTables {
		parts = append(parts, fmt.Sprintf("%s %d", t, m.PerTable[t]))
	}
	fmt.Fprintf(&b, "%s. Database %s.\n\n", strings.Join(parts, ", "), humanBytes(m.DatabaseBytes))
	mode := "secondary indexes and constraints dropped, COPY … FREEZE, rebuilt after"
	if !m.DropIndexes {
		mode = "COPY into indexed tables with foreign keys"
	}
	fmt.Fprintf(&b, "Generator: in memory %.1fs; COPY %.1fs = **%.0f rows/s** (%d tables at once; %s); index and constraint rebuild %.1fs; COPY + rebuild %.0f rows/s; coverage counts %.1fs; ANALYZE %.1fs.\n\n",
		m.Generate, m.Copy, m.copyRate(), m.Jobs, mode, m.Rebuild, m.totalRate(), m.Aggregates, m.Analyze)
	fmt.Fprintf(&b, "Run: %s, %d CPUs; each cell %v after %v warm-up; latency in ms; ratio = GraphQL p50 / floor p50; SQL = statements per GraphQL request (at two page sizes where the operation has a page).\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), duration, warmup)
	b.WriteString("| operation | clients | GraphQL p50 | GraphQL p95 | GraphQL req/s | floor p50 | floor p95 | floor req/s | ratio | SQL/request | agree |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|\n")
	for _, r := range rows {
		var st []string
		for i, n := range r.stmts {
			if len(r.op.sizes) > i && r.op.sizes[i] > 0 {
				st = append(st, fmt.Sprintf("%d (first %d)", n, r.op.sizes[i]))
			} else {
				st = append(st, strconv.FormatInt(n, 10))
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f | %.2f | %s | %s |\n",
			r.op.title, r.clients, ms(r.gql.pct(.5)), ms(r.gql.pct(.95)), r.gql.rps(),
			ms(r.floor.pct(.5)), ms(r.floor.pct(.95)), r.floor.rps(), ratio(r.gql.pct(.5), r.floor.pct(.5)), strings.Join(st, ", "), r.agree)
	}
	return b.String()
}
