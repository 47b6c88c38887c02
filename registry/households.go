package registry

import (
	"context"
	"time"

	"sanbao/authz"
	"sanbao/coverage"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/importjob"
	"sanbao/sheet"
)

// Households imports households (户) by 户编号.
var Households importjob.Kind = households{}

var householdColumns = sheet.NewColumns(
	sheet.Column{Name: "户编号", Aliases: []string{"户号", "户编码", "扶贫户编号"}, Required: true, MaxLen: 32, Text: true, Width: 16,
		Note: "扶贫部门的户编号；已有的户按户编号更新"},
	sheet.Column{Name: "户主姓名", Aliases: []string{"户主", "户主名称"}, Required: true, MaxLen: 64},
	sheet.Column{Name: "村级区划代码", Aliases: []string{"村代码", "村级代码", "区划代码", "村级行政区划代码"}, Required: true, MaxLen: 12, Text: true, Width: 16,
		Note: "户籍所在村的12位统计用区划代码"},
	sheet.Column{Name: "状态", Aliases: []string{"户类型", "脱贫状态", "户状态"}, Required: true, MaxLen: 10, Width: 16,
		Note: "未脱贫、已脱贫、边缘户、非建档立卡困难户"},
	sheet.Column{Name: "低保", Aliases: []string{"是否低保", "低保户"}, MaxLen: 4, Note: "是 或 否"},
	sheet.Column{Name: "特困供养", Aliases: []string{"特困", "是否特困供养"}, MaxLen: 4, Note: "是 或 否"},
	sheet.Column{Name: "残疾", Aliases: []string{"是否残疾", "家庭有残疾人"}, MaxLen: 4, Note: "家庭有残疾人：是 或 否"},
	sheet.Column{Name: "家庭人口", Aliases: []string{"人口", "人口数", "家庭人口数"}, MaxLen: 4, Note: "1到30"},
	sheet.Column{Name: "联系电话", Aliases: []string{"电话", "手机", "手机号", "手机号码", "联系方式"}, MaxLen: 20, Text: true, Width: 14},
	sheet.Column{Name: "住址", Aliases: []string{"地址", "家庭住址", "详细地址"}, MaxLen: 200, Width: 30},
)

type households struct{}

func (households) Name() string            { return "households" }
func (households) Label() string           { return "户信息" }
func (households) Columns() *sheet.Columns { return householdColumns }
func (households) Allowed(v *authz.Viewer) bool {
	return v != nil && v.Can(authz.ObjHousehold, authz.ActWrite)
}

// householdRow is one checked row.
type householdRow struct {
	number, head, phone, address string
	villageID                    int
	villageCode                  string
	status                       household.Status
	dibao, tekun, disabled       bool
	size                         int // 0: keep
}

type householdBatch struct {
	rows []householdRow
	// known maps the numbers already in sanbao at check time to their IDs.
	known map[string]int
	// has says which optional columns the file has: the others are kept.
	has map[string]bool
}

func (households) Check(ctx context.Context, c *ent.Client, rows []*sheet.Row, progress func(int)) (importjob.Batch, error) {
	v := authz.FromContext(ctx)
	write := v.Scope(authz.ObjHousehold, authz.ActWrite)
	sys := authz.System(ctx)
	var numbers, codes []string
	for _, r := range rows {
		numbers = append(numbers, r.Get("户编号"))
		codes = append(codes, r.Get("村级区划代码"))
	}
	villages, err := inChunks(codes, func(cs []string) ([]*ent.Division, error) {
		return c.Division.Query().Where(division.CodeIn(cs...)).Select(division.FieldID, division.FieldCode, division.FieldName, division.FieldLevel).All(sys)
	})
	if err != nil {
		return nil, err
	}
	byCode := map[string]*ent.Division{}
	for _, d := range villages {
		byCode[d.Code] = d
	}
	// Numbers are unique across sanbao: one taken outside the importer's
	// scope cannot be theirs.
	existing, err := inChunks(numbers, func(ns []string) ([]*ent.Household, error) {
		return c.Household.Query().Where(household.NumberIn(ns...)).Select(household.FieldID, household.FieldNumber).All(sys)
	})
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(existing))
	known := map[string]int{}
	for i, h := range existing {
		ids[i], known[h.Number] = h.ID, h.ID
	}
	writable, err := inChunks(ids, func(is []int) ([]int, error) {
		return c.Household.Query().Where(household.IDIn(is...), authz.HouseholdPredicate(v, write)).IDs(sys)
	})
	if err != nil {
		return nil, err
	}
	mine := map[int]bool{}
	for _, id := range writable {
		mine[id] = true
	}
	b := &householdBatch{known: known, has: map[string]bool{}}
	if len(rows) > 0 {
		for _, col := range []string{"低保", "特困供养", "残疾", "家庭人口", "联系电话", "住址"} {
			b.has[col] = rows[0].Has(col)
		}
	}
	seen := map[string]int{}
	for i, r := range rows {
		progressEvery(progress, i)
		h := householdRow{number: r.Required("户编号"), head: r.Required("户主姓名"), phone: r.Get("联系电话"), address: r.Get("住址")}
		if first, dup := seen[h.number]; dup && h.number != "" {
			r.Fail("户编号", "与第%d行重复", first)
		} else if id, ok := known[h.number]; ok && !mine[id] {
			r.Fail("户编号", "该户编号已在您管理范围以外登记")
		}
		seen[h.number] = r.Line
		code := r.Required("村级区划代码")
		switch d := byCode[code]; {
		case code == "":
		case d == nil:
			r.Fail("村级区划代码", "未找到区划代码 %s", code)
		case d.Level != division.LevelVillage:
			r.Fail("村级区划代码", "%s（%s）不是村级区划", code, d.Name)
		case !write.HasVillage(code):
			r.Fail("村级区划代码", "%s不在您的管理范围内", d.Name)
		default:
			h.villageID, h.villageCode = d.ID, d.Code
		}
		h.status = statuses[r.OneOf("状态", true, statusNames...)]
		h.dibao, h.tekun, h.disabled = r.Flag("低保"), r.Flag("特困供养"), r.Flag("残疾")
		h.size = r.Int("家庭人口", 1, 30)
		if r.OK() {
			b.rows = append(b.rows, h)
		}
	}
	return b, nil
}

var householdCols = []string{"number", "head_name", "village_id", "village_code", "status", "dibao", "tekun", "disabled",
	"size", "phone", "address", "last_contact_on", "created_at", "updated_at"}

func (b *householdBatch) Store(ctx context.Context, c *ent.Client) (importjob.Counts, error) {
	// The hooks' per-row coverage recounts are deferred: one per village at the end.
	sys := coverage.Deferred(authz.System(ctx))
	numbers := make([]string, len(b.rows))
	for i, h := range b.rows {
		numbers[i] = h.number
	}
	current, err := inChunks(numbers, func(ns []string) ([]*ent.Household, error) {
		return c.Household.Query().Where(household.NumberIn(ns...)).All(sys)
	})
	if err != nil {
		return importjob.Counts{}, err
	}
	if len(current) != len(b.known) {
		return importjob.Counts{}, changed("户", len(current)-len(b.known))
	}
	byNumber := map[string]*ent.Household{}
	for _, h := range current {
		if b.known[h.Number] != h.ID {
			return importjob.Counts{}, changed("户", 1)
		}
		byNumber[h.Number] = h
	}
	now := time.Now()
	var inserts, updates [][]any
	var touched []string
	matched := 0                                  // known households in the file, updated or already as stored
	moves := map[int][]int{}                      // village -> households moving there
	statusChanges := map[household.Status][]int{} // new status -> households
	for _, h := range b.rows {
		cur := byNumber[h.number]
		if cur == nil {
			size := any(nil)
			if h.size > 0 {
				size = h.size
			}
			inserts = append(inserts, []any{h.number, h.head, h.villageID, h.villageCode, string(h.status), h.dibao, h.tekun, h.disabled,
				size, h.phone, h.address, "", now, now})
			touched = append(touched, h.villageCode)
			continue
		}
		// Known households: what the file has, over what is stored. Status
		// and village go through ent below, so that their hooks run (ending
		// assignments of households leaving the list, moving students).
		merged := *cur
		merged.HeadName = h.head
		if b.has["低保"] {
			merged.Dibao = h.dibao
		}
		if b.has["特困供养"] {
			merged.Tekun = h.tekun
		}
		if b.has["残疾"] {
			merged.Disabled = h.disabled
		}
		if h.size > 0 {
			merged.Size = h.size
		}
		if b.has["联系电话"] {
			merged.Phone = h.phone
		}
		if b.has["住址"] {
			merged.Address = h.address
		}
		if h.status != cur.Status {
			statusChanges[h.status] = append(statusChanges[h.status], cur.ID)
			touched = append(touched, cur.VillageCode)
		}
		if h.villageID != cur.VillageID {
			moves[h.villageID] = append(moves[h.villageID], cur.ID)
			touched = append(touched, cur.VillageCode, h.villageCode)
		}
		matched++
		if merged.HeadName == cur.HeadName && merged.Dibao == cur.Dibao && merged.Tekun == cur.Tekun && merged.Disabled == cur.Disabled &&
			merged.Size == cur.Size && merged.Phone == cur.Phone && merged.Address == cur.Address {
			continue // as stored: no write
		}
		size := any(nil)
		if merged.Size > 0 {
			size = merged.Size
		}
		updates = append(updates, []any{cur.ID, merged.Number, merged.HeadName, cur.VillageID, cur.VillageCode, string(cur.Status),
			merged.Dibao, merged.Tekun, merged.Disabled, size, merged.Phone, merged.Address, cur.LastContactOn, cur.CreatedAt, now})
	}
	if err := importjob.Insert(sys, c, household.Table, householdCols, inserts, ""); err != nil {
		return importjob.Counts{}, err
	}
	if err := importjob.Insert(sys, c, household.Table, append([]string{"id"}, householdCols...), updates,
		importjob.UpdateByID("head_name", "dibao", "tekun", "disabled", "size", "phone", "address", "updated_at")); err != nil {
		return importjob.Counts{}, err
	}
	for status, ids := range statusChanges {
		for _, chunk := range importjob.Chunks(ids, 1000) {
			if err := c.Household.Update().Where(household.IDIn(chunk...)).SetStatus(status).Exec(sys); err != nil {
				return importjob.Counts{}, err
			}
		}
	}
	for village, ids := range moves {
		for _, chunk := range importjob.Chunks(ids, 1000) {
			if err := c.Household.Update().Where(household.IDIn(chunk...)).SetVillageID(village).Exec(sys); err != nil {
				return importjob.Counts{}, err
			}
		}
	}
	if err := coverage.Recount(sys, c, touched); err != nil {
		return importjob.Counts{}, err
	}
	return importjob.Counts{Created: len(inserts), Updated: matched}, nil
}
