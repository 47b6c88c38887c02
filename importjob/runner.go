package importjob

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/importfile"
	"sanbao/ent/importjob"
	"sanbao/fielderr"
	"sanbao/sheet"
	"sanbao/store"
)

// Options tune a Runner.
type Options struct {
	Workers int           // jobs run at once; default 2
	Queue   int           // jobs waiting for a worker at most; default 16
	Stale   time.Duration // an unfinished job not heard of for this long was interrupted; default 1 minute
}

// Runner runs import jobs in the background, a few at a time. Jobs live in
// the database: their state and progress are read through the API, and a
// job whose server died is marked failed (retryable) by the next sweep.
type Runner struct {
	c       *ent.Client
	o       Options
	slots   chan struct{}
	waiting atomic.Int32
	jobs    sync.WaitGroup
	stop    chan struct{}
	swept   chan struct{} // closed after the first sweep
	closing sync.Once
}

// Messages of failures that are not the file's.
const (
	msgInterrupted = "导入中断（服务器重启或停止），未保存任何数据：请点“重试”"
	msgBusy        = "数据库繁忙，未保存任何数据：请稍后点“重试”"
	msgInternal    = "服务器内部错误，未保存任何数据：请稍后点“重试”"
)

// ErrQueueFull refuses an upload while too many jobs wait.
var ErrQueueFull = errors.New("导入任务较多，请稍后再上传")

// NewRunner starts a runner; it sweeps interrupted jobs at once and then
// every Stale.
func NewRunner(c *ent.Client, o Options) *Runner {
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.Queue <= 0 {
		o.Queue = 16
	}
	if o.Stale <= 0 {
		o.Stale = time.Minute
	}
	r := &Runner{c: c, o: o, slots: make(chan struct{}, o.Workers), stop: make(chan struct{}), swept: make(chan struct{})}
	go r.sweeper()
	return r
}

func (r *Runner) sweeper() {
	t := time.NewTicker(r.o.Stale)
	defer t.Stop()
	for first := true; ; first = false {
		if n, err := r.Sweep(context.Background()); err != nil {
			slog.Warn("import jobs: sweep", "err", err)
		} else if n > 0 {
			slog.Warn("import jobs: marked interrupted jobs failed", "jobs", n)
		}
		if first {
			close(r.swept)
		}
		select {
		case <-r.stop:
			return
		case <-t.C:
		}
	}
}

// Swept is closed once the runner's first sweep is done.
func (r *Runner) Swept() <-chan struct{} { return r.swept }

// Sweep marks jobs that stopped without finishing (their server died or was
// stopped mid-way: nothing was stored, the write being one transaction) as
// failed and retryable. A live job's heartbeat keeps its updated_at recent.
func (r *Runner) Sweep(ctx context.Context) (int, error) {
	return r.c.ImportJob.Update().
		Where(importjob.StateIn(importjob.StateQueued, importjob.StateChecking, importjob.StateStoring),
			importjob.UpdatedAtLT(time.Now().Add(-r.o.Stale))).
		SetState(importjob.StateFailed).SetRetryable(true).SetMessage(msgInterrupted).SetFinishedAt(time.Now()).
		Save(authz.System(ctx))
}

// Shutdown stops taking jobs and waits for the running ones until ctx ends.
func (r *Runner) Shutdown(ctx context.Context) error {
	r.closing.Do(func() { close(r.stop) })
	done := make(chan struct{})
	go func() { r.jobs.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// place is the unit a job is recorded at: the viewer's first position at a
// unit inside their import scope.
func place(v *authz.Viewer) (authz.Position, bool) {
	sc := v.Scope(authz.ObjImportJob, authz.ActWrite)
	for _, p := range v.Positions {
		if sc.HasDivision(p.DivisionCode) || slices.Contains(sc.SchoolIDs, p.OrgID) {
			return p, true
		}
	}
	return authz.Position{}, false
}

// Submit records a job of kind k for the file and starts it in the
// background, as the viewer of ctx.
func (r *Runner) Submit(ctx context.Context, k Kind, fileName string, data []byte) (*ent.ImportJob, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 || !k.Allowed(v) {
		return nil, authz.ErrDenied
	}
	at, ok := place(v)
	if !ok {
		return nil, authz.ErrDenied
	}
	if err := r.reserve(); err != nil {
		return nil, err
	}
	job, err := r.record(ctx, v, at, k, fileName, data)
	if err != nil {
		r.waiting.Add(-1)
		return nil, err
	}
	r.start(v, k, job.ID)
	return job, nil
}

func (r *Runner) reserve() error {
	select {
	case <-r.stop:
		return ErrQueueFull
	default:
	}
	if int(r.waiting.Add(1)) > r.o.Queue {
		r.waiting.Add(-1)
		return ErrQueueFull
	}
	return nil
}

func (r *Runner) record(ctx context.Context, v *authz.Viewer, at authz.Position, k Kind, fileName string, data []byte) (*ent.ImportJob, error) {
	tx, err := r.c.Tx(ctx)
	if err != nil {
		return nil, err
	}
	job, err := tx.ImportJob.Create().SetKind(k.Name()).SetFileName(fileName).SetFileSize(len(data)).
		SetCreatedByID(v.PersonID).SetOrgID(at.OrgID).SetDivisionCode(at.DivisionCode).Save(ctx)
	if err == nil {
		// The file is the system's: read back only for the marked copy.
		err = tx.ImportFile.Create().SetJobID(job.ID).SetData(data).Exec(authz.System(ctx))
	}
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	return job, tx.Commit()
}

// Retry runs a job that failed for a reason not the file's again, from its
// kept file, for its uploader.
func (r *Runner) Retry(ctx context.Context, id int) (*ent.ImportJob, error) {
	v := authz.FromContext(ctx)
	if v == nil {
		return nil, authz.ErrDenied
	}
	job, err := r.c.ImportJob.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	k, ok := Lookup(job.Kind)
	if job.CreatedByID != v.PersonID || !ok || !k.Allowed(v) {
		return nil, authz.ErrDenied
	}
	if job.State != importjob.StateFailed || !job.Retryable {
		return nil, fielderr.New("id", "只有中断的导入可以重试；文件有错误时请改正后重新上传")
	}
	if err := r.reserve(); err != nil {
		return nil, err
	}
	n, err := r.c.ImportJob.Update().Where(importjob.ID(id), importjob.StateEQ(importjob.StateFailed), importjob.Retryable(true)).
		SetState(importjob.StateQueued).SetRetryable(false).SetMessage("").SetRowsTotal(0).SetRowsChecked(0).
		SetRowsStored(0).ClearStartedAt().ClearFinishedAt().Save(authz.System(ctx))
	if err != nil || n == 0 {
		r.waiting.Add(-1)
		if err == nil {
			err = fielderr.New("id", "该导入已在重试")
		}
		return nil, err
	}
	r.start(v, k, id)
	return r.c.ImportJob.Get(ctx, id)
}

// start runs job id in the background once a worker is free.
func (r *Runner) start(v *authz.Viewer, k Kind, id int) {
	r.jobs.Add(1)
	go func() {
		defer r.jobs.Done()
		ctx := authz.NewContext(context.Background(), v)
		stopBeat := r.heartbeat(ctx, id)
		defer stopBeat()
		r.slots <- struct{}{}
		r.waiting.Add(-1)
		defer func() { <-r.slots }()
		r.run(ctx, k, id)
	}()
}

// heartbeat keeps the job's updated_at recent while it waits or runs.
func (r *Runner) heartbeat(ctx context.Context, id int) func() {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(r.o.Stale / 4)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				r.c.ImportJob.Update().Where(importjob.ID(id), importjob.StateIn(importjob.StateQueued, importjob.StateChecking, importjob.StateStoring)).
					SetUpdatedAt(time.Now()).Exec(authz.System(ctx))
			}
		}
	}()
	return func() { close(done) }
}

// run checks the job's file and stores it when every row is right.
func (r *Runner) run(ctx context.Context, k Kind, id int) {
	sys := authz.System(ctx)
	log := slog.With("job", id, "kind", k.Name())
	began := time.Now()
	defer func() {
		if p := recover(); p != nil {
			log.Error("import job panicked", "panic", p, "stack", string(debug.Stack()))
			r.fail(sys, id, msgInternal, true)
		}
	}()
	set := func() *ent.ImportJobUpdateOne { return r.c.ImportJob.UpdateOneID(id) }
	if err := set().SetState(importjob.StateChecking).SetStartedAt(time.Now()).Exec(sys); err != nil {
		log.Error("import job: start", "err", err)
		return
	}
	file, err := r.c.ImportFile.Query().Where(importfile.JobID(id)).Only(sys)
	if err != nil {
		r.failWith(sys, log, id, err)
		return
	}
	rows, broken, err := Read(k, file.Data, MaxRows)
	file = nil
	read := time.Since(began)
	if err != nil {
		r.failWith(sys, log, id, err)
		return
	}
	total := len(rows) + countLines(broken)
	set().SetRowsTotal(total).Exec(sys)
	last := time.Now()
	batch, err := k.Check(ctx, r.c, rows, func(n int) {
		if time.Since(last) > 300*time.Millisecond {
			last = time.Now()
			set().SetRowsChecked(min(n, total)).Exec(sys)
		}
	})
	if err != nil {
		r.failWith(sys, log, id, err)
		return
	}
	if errs := Collect(broken, rows); len(errs) > 0 {
		if err := r.saveErrors(sys, id, errs); err != nil {
			r.failWith(sys, log, id, err)
			return
		}
		set().SetState(importjob.StateFailed).SetRowsChecked(total).SetErrorCount(len(errs)).
			SetMessage(Summary(errs)).SetFinishedAt(time.Now()).Exec(sys)
		log.Info("import job: file has errors", "rows", total, "errors", len(errs), "took", time.Since(began))
		return
	}
	if err := set().SetState(importjob.StateStoring).SetRowsChecked(total).Exec(sys); err != nil {
		r.failWith(sys, log, id, err)
		return
	}
	checked := time.Since(began)
	counts, err := storeBatch(ctx, r.c, batch)
	if err != nil {
		r.failWith(sys, log, id, err)
		return
	}
	set().SetState(importjob.StateDone).SetRowsStored(counts.Created + counts.Updated).
		SetCreatedCount(counts.Created).SetUpdatedCount(counts.Updated).SetFinishedAt(time.Now()).Exec(sys)
	log.Info("import job: stored", "rows", total, "created", counts.Created, "updated", counts.Updated,
		"read", read.Round(time.Millisecond), "checked", (checked - read).Round(time.Millisecond),
		"stored", (time.Since(began) - checked).Round(time.Millisecond))
}

// storeBatch writes a batch in one transaction.
func storeBatch(ctx context.Context, c *ent.Client, b Batch) (Counts, error) {
	tx, err := c.Tx(ctx)
	if err != nil {
		return Counts{}, err
	}
	counts, err := b.Store(ctx, tx.Client())
	if err != nil {
		tx.Rollback()
		return Counts{}, err
	}
	return counts, tx.Commit()
}

func (r *Runner) saveErrors(ctx context.Context, id int, errs []sheet.CellError) error {
	rows := make([][]any, len(errs))
	for i, e := range errs {
		rows[i] = []any{id, e.Line, e.Column, e.Reason}
	}
	tx, err := r.c.Tx(ctx)
	if err != nil {
		return err
	}
	if err := Insert(ctx, tx.Client(), "import_cell_errors", []string{"job_id", "line", "column", "reason"}, rows, ""); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// failWith ends a job on err: the file's own problem (a missing column), a
// conflict or a busy database (worth retrying), or an internal error (logged).
func (r *Runner) failWith(ctx context.Context, log *slog.Logger, id int, err error) {
	var fe *fielderr.Error
	switch {
	case errors.As(err, &fe):
		r.fail(ctx, id, fe.Reason, false)
	case errors.Is(err, ErrChanged), ent.IsConstraintError(err), duplicate(err):
		log.Warn("import job: rows changed meanwhile", "err", err)
		r.fail(ctx, id, ErrChanged.Error(), true)
	case store.Busy(err):
		log.Warn("import job: database busy", "err", err)
		r.fail(ctx, id, msgBusy, true)
	default:
		log.Error("import job failed", "err", err)
		r.fail(ctx, id, msgInternal, true)
	}
}

func (r *Runner) fail(ctx context.Context, id int, msg string, retryable bool) {
	if err := r.c.ImportJob.UpdateOneID(id).SetState(importjob.StateFailed).SetMessage(msg).SetRetryable(retryable).
		SetFinishedAt(time.Now()).Exec(ctx); err != nil {
		slog.Error("import job: recording the failure", "job", id, "err", err)
	}
}

// duplicate says a bulk statement met a row another writer had just
// stored with the same key (the raw SQL errors of both databases).
func duplicate(err error) bool {
	s := err.Error()
	return strings.Contains(s, "(23505)") || strings.Contains(s, "UNIQUE constraint failed")
}
