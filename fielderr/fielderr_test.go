package fielderr

import (
	"errors"
	"fmt"
	"testing"
)

func TestMessagesUseLabels(t *testing.T) {
	RegisterLabels(map[string]string{"testPersonID": "责任人", "testIdIn": "编号", "testWhere": "筛选条件"})
	for _, c := range []struct {
		err  error
		want string
	}{
		{New("testPersonID", "包村责任人应为%s", "乡镇干部"), "责任人：包村责任人应为乡镇干部"},
		{New("students.where.testIdIn", "最多 %d 项", 500), "编号：最多 500 项"},
		{New("students.testWhere.nameContains", "过长"), "筛选条件：过长"},
		{New("unlabelled", "过长"), "unlabelled：过长"},
		{List{{Field: "testPersonID", Reason: "必填"}, {Field: "x", Reason: "y"}}, "责任人：必填（及另外 1 处错误）"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
	fe, ok := As(fmt.Errorf("wrapped: %w", New("testPersonID", "必填")))
	if !ok || fe.Field != "testPersonID" || fe.Reason != "必填" {
		t.Errorf("As lost the field: %+v", fe)
	}
	if _, ok := As(errors.New("plain")); ok {
		t.Error("As found a field in a plain error")
	}
}

func TestALabelCannotChange(t *testing.T) {
	RegisterLabels(map[string]string{"testName": "姓名"})
	RegisterLabels(map[string]string{"testName": "姓名"}) // the same again is fine
	defer func() {
		if recover() == nil {
			t.Error("a second, different label was accepted")
		}
	}()
	RegisterLabels(map[string]string{"testName": "名称"})
}
