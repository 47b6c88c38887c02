package compare_test

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sanbao/authz"
	"sanbao/ent/auditlog"
	"sanbao/ent/deptlist"
	"sanbao/export"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// A run's class downloads as .xlsx with masked ID numbers, is audited, and
// is not found for another county.
func TestExportRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		admin, stranger := asPerson(t, db, f.Admin), asPerson(t, db, otherCounty(t, db))
		if _, err := importList(t, admin, db, deptlist.DepartmentPoverty,
			csv("姓名,身份证号,所在村", "学生贰,"+f.S2.IDNumber+",松林店村")); err != nil {
			t.Fatal(err)
		}
		run, err := runCompare(t, admin, db, db.DeptList.Query().OnlyX(admin).ID)
		if err != nil {
			t.Fatal(err)
		}
		k, _ := export.Lookup("compare")
		q := url.Values{"run": {strconv.Itoa(run.ID)}, "class": {"NAME_MISMATCH"}}
		file, err := export.Run(admin, db.Client, k, q, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := file.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows(x.GetSheetName(0))
		found := false
		for _, r := range rows {
			if len(r) > 3 && r[1] == "学生贰" && r[2] == "学生二" && strings.Contains(r[3], "*") && !strings.Contains(r[3], f.S2.IDNumber[6:14]) {
				found = true
			}
		}
		if !found || file.Rows != 1 {
			t.Errorf("exported rows: %v", rows)
		}
		if n := db.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionExport)).CountX(authz.System(admin)); n != 1 {
			t.Errorf("%d export audit rows", n)
		}
		if _, err := export.Run(stranger, db.Client, k, q, time.Now()); err == nil || !strings.Contains(err.Error(), "未找到") {
			t.Errorf("another county exported the run: %v", err)
		}
	})
}
