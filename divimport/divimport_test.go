package divimport

import (
	"context"
	"errors"
	"strings"
	"testing"

	"sanbao/authz"
	"sanbao/ent/division"
	"sanbao/store"
	"sanbao/store/storetest"
)

const good = `code,name,level,parent_code
130000000000,河北省,province,
130600000000,保定市,city,130000000000
130681000000,涿州市,county,130600000000
130681100000,松林店镇,township,130681000000
130681100201,松林店村村民委员会,village,130681100000
441900000000,东莞市,city,
`

func TestImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// 东莞 without its province is refused: a city needs a parent.
		_, err := Import(ctx, db.Client, strings.NewReader(good))
		var errs Errors
		if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Line != 7 || errs[0].Field != "parent_code" {
			t.Fatalf("want one parent_code error on line 7, got %v", err)
		}
		if n := db.Division.Query().CountX(authz.System(ctx)); n != 0 {
			t.Fatalf("a rejected file stored %d rows", n)
		}

		file := strings.Replace(good, "441900000000,东莞市,city,\n", "440000000000,广东省,province,\n441900000000,东莞市,city,440000000000\n441900003000,东城街道,township,441900000000\n", 1)
		res, err := Import(ctx, db.Client, strings.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		if res.Inserted != 8 || res.Updated != 0 {
			t.Fatalf("first import = %+v", res)
		}
		// Idempotent: the same file again changes nothing.
		res, err = Import(ctx, db.Client, strings.NewReader(file))
		if err != nil || res.Inserted != 0 || res.Unchanged != 8 {
			t.Fatalf("second import = %+v, %v", res, err)
		}
		// A renamed village is updated in place.
		res, err = Import(ctx, db.Client, strings.NewReader(strings.Replace(file, "松林店村村民委员会", "松林店村", 1)))
		if err != nil || res.Updated != 1 || res.Inserted != 0 {
			t.Fatalf("rename import = %+v, %v", res, err)
		}
		sys := authz.System(ctx)
		v := db.Division.Query().Where(division.Code("130681100201")).WithParent().OnlyX(sys)
		if v.Name != "松林店村" || v.Edges.Parent.Code != "130681100000" {
			t.Fatalf("village = %+v", v)
		}
		tw := db.Division.Query().Where(division.Code("441900003000")).WithParent().OnlyX(sys)
		if tw.Edges.Parent.Code != "441900000000" {
			t.Fatalf("东莞 township parent = %s", tw.Edges.Parent.Code)
		}
	})
}

func TestImportRowErrors(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	bad := `code,name,level,parent_code
130000000000,河北省,province,
13060000000,保定市,city,130000000000
130681000000,涿州市,county,130600000000
130682000000,,county,130000000000
130683000000,定兴县,hamlet,130000000000
130684000000,高碑店市,county,130000000000
130684000000,高碑店市,county,130000000000
130685100000,某镇,township,130000000000
"broken,row
`
	_, err := Import(context.Background(), db.Client, strings.NewReader(bad))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want row errors, got %v", err)
	}
	want := map[int]string{3: "code", 4: "parent_code", 5: "name", 6: "level", 8: "code"}
	got := map[int]string{}
	for _, e := range errs {
		got[e.Line] = e.Field
	}
	for line, field := range want {
		if got[line] != field {
			t.Errorf("line %d: want %s error, got %q (all: %v)", line, field, got[line], errs)
		}
	}
	if !strings.Contains(err.Error(), "未导入任何数据") {
		t.Errorf("message does not say nothing was stored: %s", err)
	}
	if n := db.Division.Query().CountX(authz.System(context.Background())); n != 0 {
		t.Fatalf("stored %d rows from a bad file", n)
	}
}
