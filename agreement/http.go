package agreement

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/agreement"
	"sanbao/ent/division"
	"sanbao/ent/org"
	"sanbao/term"
)

// MaxBatch bounds one archive PDF.
const MaxBatch = 2000

// Handler serves printable copies, under the viewer's scope like every read:
//
//	GET /agreements/{id}.pdf                                one agreement
//	GET /agreements/archive.pdf?term=…&orgID=…|divisionCode=…  the signed ones of a unit or division
func Handler(c *ent.Client) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if authz.FromContext(ctx) == nil {
			http.Error(w, "请先登录", http.StatusUnauthorized)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, "/agreements/")
		q := c.Agreement.Query().WithIssuerOrg()
		file := name
		var archive *Archive
		if name == "archive.pdf" {
			p, err := place(r, c)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			label, err := term.Canonical("term", r.URL.Query().Get("term"))
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			q.Where(agreement.Term(label), agreement.StateEQ(agreement.StateSigned), p.Predicate()).
				Order(agreement.ByIssuerOrgID(), agreement.ByKind(), agreement.ByID()).Limit(MaxBatch)
			file = "责任书-" + label + ".pdf"
			archive = &Archive{Scope: p.Name + " " + label, Made: time.Now()}
		} else {
			id, err := strconv.Atoi(strings.TrimSuffix(name, ".pdf"))
			if err != nil || !strings.HasSuffix(name, ".pdf") {
				http.NotFound(w, r)
				return
			}
			q.Where(agreement.ID(id))
		}
		as, err := q.All(ctx)
		if err != nil {
			http.Error(w, "服务器内部错误", http.StatusInternalServerError)
			return
		}
		if len(as) == 0 && name != "archive.pdf" {
			http.Error(w, "未找到或无权访问", http.StatusNotFound)
			return
		}
		var buf bytes.Buffer
		write := WritePDF
		if archive != nil {
			write = func(w io.Writer, as []*ent.Agreement) error { return WriteArchive(w, as, *archive) }
		}
		if err := write(&buf, as); err != nil {
			http.Error(w, "生成 PDF 失败", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename*=UTF-8''%s", escape(file)))
		w.Header().Set("Cache-Control", "private, no-store")
		w.Write(buf.Bytes())
	})
}

// place reads orgID or divisionCode from the query.
func place(r *http.Request, c *ent.Client) (Place, error) {
	qs := r.URL.Query()
	if s := qs.Get("orgID"); s != "" {
		id, err := strconv.Atoi(s)
		if err != nil {
			return Place{}, fmt.Errorf("orgID 无效")
		}
		o, err := c.Org.Get(r.Context(), id)
		if err != nil {
			return Place{}, fmt.Errorf("orgID 无效")
		}
		if o.Kind == org.KindSchool {
			return Place{SchoolID: o.ID, Name: o.Name}, nil
		}
		rng := divcode.SubtreeOf(o.DivisionCode)
		return Place{Range: &rng, Name: o.Name}, nil
	}
	code := qs.Get("divisionCode")
	if code == "" {
		return Place{}, fmt.Errorf("请给出 orgID（单位）或 divisionCode（区划代码）")
	}
	if err := divcode.Validate(code, divcode.LevelOf(code)); err != nil {
		return Place{}, fmt.Errorf("divisionCode 无效：%v", err)
	}
	rng := divcode.SubtreeOf(code)
	name := code
	if d, err := c.Division.Query().Where(division.Code(code)).Only(r.Context()); err == nil {
		name = d.Name
	}
	return Place{Range: &rng, Name: name}, nil
}

func escape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
