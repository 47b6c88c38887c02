package dropout

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sanbao/agreement"
	"sanbao/audit"
	"sanbao/authz"
	"sanbao/ent"
)

// WriteNotice sets the return-to-school notice (复学通知书) of n, in the
// agreements' font and layout. Without a recorded notice, the dates are
// left blank to fill in by hand.
func WriteNotice(w *bytes.Buffer, n *NoticeCase) error {
	l, err := agreement.NewLetter("复学通知书")
	if err != nil {
		return err
	}
	blank := func(s, alt string) string {
		if s == "" {
			return alt
		}
		return s
	}
	deadline := "____年__月__日"
	if d, err := time.Parse("2006-01-02", n.Deadline); err == nil {
		deadline = d.Format("2006年1月2日")
	}
	school := blank(n.School, "____________")
	for _, p := range []string{
		blank(n.Guardian, "________") + "（" + n.Student + "的家长或其他法定监护人）：",
		"",
		fmt.Sprintf("　　你的子女%s（户籍所在地：%s）系义务教育适龄儿童少年，现未按规定到校就读。", n.Student, blank(n.Village, "________")),
		"　　根据《中华人民共和国义务教育法》第五条、第十一条和《中华人民共和国未成年人保护法》的规定，适龄儿童、少年的父母或者其他法定监护人应当依法保证其按时入学接受并完成义务教育。",
		fmt.Sprintf("　　请你于%s前送%s到%s报到复学。逾期仍不送子女复学的，将依法追究监护人的法律责任。", deadline, n.Student, school),
		"　　特此通知。",
	} {
		if err := l.Para(p); err != nil {
			return err
		}
	}
	served := "____年__月__日"
	if d, err := time.Parse("2006-01-02", n.ServedOn); err == nil {
		served = d.Format("2006年1月2日")
	}
	if err := l.SealBlock(school+"（盖章）", "送达日期："+served, "监护人签收：______________"); err != nil {
		return err
	}
	if err := l.Para(""); err != nil {
		return err
	}
	if err := l.Small("本通知书一式三份：监护人、学校、乡镇人民政府各执一份。"); err != nil {
		return err
	}
	_, err = l.WriteTo(w)
	return err
}

// NoticeHandler serves GET /dropout/cases/{id}/notice.pdf to those who may
// work the case; anyone else gets 404, as for agreements.
func NoticeHandler(c *ent.Client) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if authz.FromContext(ctx) == nil {
			http.Error(w, "请先登录", http.StatusUnauthorized)
			return
		}
		rest, ok := strings.CutPrefix(r.URL.Path, "/dropout/cases/")
		idText, ok2 := strings.CutSuffix(rest, "/notice.pdf")
		id, err := strconv.Atoi(idText)
		if !ok || !ok2 || err != nil {
			http.NotFound(w, r)
			return
		}
		n, err := ForNotice(ctx, c, id)
		if err != nil {
			http.Error(w, "未找到或无权访问", http.StatusNotFound)
			return
		}
		// The notice names the child and the guardian: audited as an export.
		if err := audit.RecordExport(ctx, c, "复学通知书（"+n.Student+"）", n.VillageCode, n.SchoolID, 1); err != nil {
			http.Error(w, "服务器内部错误", http.StatusInternalServerError)
			return
		}
		var buf bytes.Buffer
		if err := WriteNotice(&buf, n); err != nil {
			http.Error(w, "生成 PDF 失败", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", "inline; filename*=UTF-8''"+url.PathEscape("复学通知书-"+n.Student+".pdf"))
		w.Header().Set("Cache-Control", "private, no-store")
		w.Write(buf.Bytes())
	})
}
