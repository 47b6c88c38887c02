package importjob

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/ent"
	"sanbao/ent/importcellerror"
	"sanbao/ent/importfile"
	"sanbao/fielderr"
	"sanbao/sheet"
)

// Handler serves the files of imports, for a signed-in viewer (behind
// auth.Service.Middleware, as /graphql is):
//
//	POST /imports/{kind}                  multipart "file": 202 {"id": …}, the job runs in the background
//	POST /imports/{id}/retry              run an interrupted job again: 202 {"id": …}
//	GET  /imports/{id}/errors.xlsx        the file with its wrong cells marked
//	GET  /imports/templates/{kind}.xlsx   an empty template
//
// Progress and results are read through GraphQL (importJob, importJobs).
func Handler(c *ent.Client, r *Runner) http.Handler {
	h := &handler{c: c, r: r}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if authz.FromContext(req.Context()) == nil {
			reply(w, http.StatusUnauthorized, "UNAUTHENTICATED", "请先登录")
			return
		}
		parts := strings.Split(strings.TrimPrefix(req.URL.Path, "/imports/"), "/")
		switch {
		case req.Method == http.MethodPost && len(parts) == 1:
			h.upload(w, req, parts[0])
		case req.Method == http.MethodPost && len(parts) == 2 && parts[1] == "retry":
			h.retry(w, req, parts[0])
		case req.Method == http.MethodGet && len(parts) == 2 && parts[0] == "templates" && strings.HasSuffix(parts[1], ".xlsx"):
			h.template(w, req, strings.TrimSuffix(parts[1], ".xlsx"))
		case req.Method == http.MethodGet && len(parts) == 2 && parts[1] == "errors.xlsx":
			h.errorsCopy(w, req, parts[0])
		default:
			reply(w, http.StatusNotFound, "NOT_FOUND", "未找到")
		}
	})
}

type handler struct {
	c *ent.Client
	r *Runner
}

// reply answers JSON: {"id": …} on success, {"error": …, "code": …} otherwise.
func reply(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	body := map[string]string{"error": msg, "code": code}
	if code == "" {
		body = map[string]string{"id": msg}
	}
	json.NewEncoder(w).Encode(body)
}

// replyErr maps an error as the GraphQL endpoint does.
func replyErr(w http.ResponseWriter, err error) {
	var fe *fielderr.Error
	switch {
	case errors.As(err, &fe):
		reply(w, http.StatusBadRequest, "BAD_USER_INPUT", fe.Reason)
	case errors.Is(err, ErrQueueFull):
		w.Header().Set("Retry-After", "30")
		reply(w, http.StatusServiceUnavailable, "TOO_MANY_REQUESTS", err.Error())
	case errors.Is(err, authz.ErrDenied), ent.IsNotFound(err):
		// Never tell "not there" from "not yours".
		reply(w, http.StatusNotFound, "NOT_FOUND", "未找到或无权访问")
	default:
		reply(w, http.StatusInternalServerError, "INTERNAL", "服务器内部错误，请稍后再试")
	}
}

func (h *handler) upload(w http.ResponseWriter, req *http.Request, kind string) {
	k, ok := Lookup(kind)
	if !ok {
		reply(w, http.StatusNotFound, "NOT_FOUND", "没有这种导入")
		return
	}
	if !k.Allowed(authz.FromContext(req.Context())) {
		reply(w, http.StatusForbidden, "FORBIDDEN", "无权导入"+k.Label())
		return
	}
	req.Body = http.MaxBytesReader(w, req.Body, MaxBytes+1<<20)
	if err := req.ParseMultipartForm(MaxBytes + 1<<20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			reply(w, http.StatusRequestEntityTooLarge, "REQUEST_TOO_LARGE", fmt.Sprintf("文件过大：最多 %d MB", MaxBytes>>20))
			return
		}
		reply(w, http.StatusBadRequest, "BAD_USER_INPUT", "请用表单字段 file 上传文件")
		return
	}
	defer req.MultipartForm.RemoveAll()
	f, hdr, err := req.FormFile("file")
	if err != nil {
		reply(w, http.StatusBadRequest, "BAD_USER_INPUT", "请选择要上传的文件（表单字段 file）")
		return
	}
	defer f.Close()
	if hdr.Size > MaxBytes {
		reply(w, http.StatusRequestEntityTooLarge, "REQUEST_TOO_LARGE", fmt.Sprintf("文件过大：最多 %d MB", MaxBytes>>20))
		return
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(f); err != nil {
		reply(w, http.StatusBadRequest, "BAD_USER_INPUT", "文件没有传完，请重新上传")
		return
	}
	if _, err := sheet.Detect(buf.Bytes()); err != nil {
		replyErr(w, err)
		return
	}
	job, err := h.r.Submit(req.Context(), k, fileName(hdr.Filename), buf.Bytes())
	if err != nil {
		replyErr(w, err)
		return
	}
	reply(w, http.StatusAccepted, "", strconv.Itoa(job.ID))
}

// fileName keeps the base name of an upload, as people see it.
func fileName(s string) string {
	s = path.Base(strings.ReplaceAll(s, `\`, "/"))
	s, _ = sheet.Clean(s)
	if r := []rune(s); len(r) > 200 {
		s = string(r[len(r)-200:])
	}
	if s == "" || s == "." || s == "/" {
		s = "未命名文件"
	}
	return s
}

func (h *handler) retry(w http.ResponseWriter, req *http.Request, idText string) {
	id, err := strconv.Atoi(idText)
	if err != nil {
		reply(w, http.StatusNotFound, "NOT_FOUND", "未找到或无权访问")
		return
	}
	job, err := h.r.Retry(req.Context(), id)
	if err != nil {
		replyErr(w, err)
		return
	}
	reply(w, http.StatusAccepted, "", strconv.Itoa(job.ID))
}

func (h *handler) template(w http.ResponseWriter, req *http.Request, kind string) {
	k, ok := Lookup(kind)
	if !ok {
		reply(w, http.StatusNotFound, "NOT_FOUND", "没有这种导入")
		return
	}
	unit := ""
	if at, ok := place(authz.FromContext(req.Context())); ok {
		unit = at.OrgName
	}
	var cols []sheet.Col
	for _, c := range k.Columns().List() {
		note := c.Note
		if c.Required {
			note = strings.TrimSpace("必填列。" + note)
		}
		cols = append(cols, sheet.Col{Name: c.Name, Width: c.Width, Text: c.Text, Note: note})
	}
	wr, err := sheet.NewWriter(sheet.Options{
		Title:   sheet.Title(unit, k.Label()+"导入模板", "", time.Now().In(contactlog.China)),
		Columns: cols,
	})
	if err != nil {
		replyErr(w, err)
		return
	}
	send(w, k.Label()+"导入模板.xlsx", wr.WriteTo)
}

func (h *handler) errorsCopy(w http.ResponseWriter, req *http.Request, idText string) {
	ctx := req.Context()
	id, err := strconv.Atoi(idText)
	if err != nil {
		reply(w, http.StatusNotFound, "NOT_FOUND", "未找到或无权访问")
		return
	}
	job, err := h.c.ImportJob.Get(ctx, id)
	if err != nil {
		replyErr(w, err)
		return
	}
	k, ok := Lookup(job.Kind)
	if !ok || job.ErrorCount == 0 {
		reply(w, http.StatusNotFound, "NOT_FOUND", "该导入没有出错的单元格")
		return
	}
	file, err := h.c.ImportFile.Query().Where(importfile.JobID(job.ID)).Only(authz.System(ctx))
	if err != nil {
		replyErr(w, err)
		return
	}
	stored, err := h.c.ImportCellError.Query().Where(importcellerror.JobID(job.ID)).
		Order(importcellerror.ByLine(), importcellerror.ByID()).All(ctx)
	if err != nil {
		replyErr(w, err)
		return
	}
	errs := make([]sheet.CellError, len(stored))
	for i, e := range stored {
		errs[i] = sheet.CellError{Line: e.Line, Column: e.Column, Reason: e.Reason}
	}
	base := strings.TrimSuffix(strings.TrimSuffix(job.FileName, ".xlsx"), ".csv")
	send(w, base+"（错误标注）.xlsx", func(out io.Writer) (int64, error) {
		return 0, sheet.MarkErrors(file.Data, k.Columns(), errs, out)
	})
}

// send writes a generated .xlsx; it is built in memory first so that a
// failure answers an error rather than half a file.
func send(w http.ResponseWriter, name string, write func(io.Writer) (int64, error)) {
	var buf bytes.Buffer
	if _, err := write(&buf); err != nil {
		replyErr(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(buf.Bytes())
}

// The URLs Handler serves, for the API to hand out.
func UploadURL(kind string) string   { return "/imports/" + url.PathEscape(kind) }
func TemplateURL(kind string) string { return "/imports/templates/" + url.PathEscape(kind) + ".xlsx" }
func ErrorsURL(id int) string        { return "/imports/" + strconv.Itoa(id) + "/errors.xlsx" }
