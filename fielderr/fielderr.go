// Package fielderr carries input errors that name the offending field and the
// reason, so the API can tell a user exactly what to fix.
package fielderr

import (
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Error is a rejected input value.
type Error struct {
	Field  string // API field name, e.g. "idNumber"
	Reason string // human-readable reason, Simplified Chinese first
}

// Error names the field by its label: "身份证号：校验位错误".
func (e *Error) Error() string { return Label(e.Field) + "：" + e.Reason }

// New returns an Error for field with a formatted reason.
func New(field, format string, args ...any) error {
	return &Error{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// As extracts an *Error from err's chain.
func As(err error) (*Error, bool) {
	var fe *Error
	ok := errors.As(err, &fe)
	return fe, ok
}

// List is several field errors reported together (a CSV import, a bulk change).
type List []*Error

func (l List) Error() string {
	if len(l) == 0 {
		return "no errors"
	}
	s := l[0].Error()
	if len(l) > 1 {
		s += fmt.Sprintf("（及另外 %d 处错误）", len(l)-1)
	}
	return s
}

// APIName is the API's name of a stored field: id_number is idNumber,
// household_id is householdID.
func APIName(snake string) string {
	parts := strings.Split(snake, "_")
	for i := 1; i < len(parts); i++ {
		if p := parts[i]; p == "id" {
			parts[i] = "ID"
		} else if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
}

var labels struct {
	sync.RWMutex
	m map[string]string
}

// RegisterLabels gives API field names the names users know them by
// ("personID" → "责任人"). Each package registers the fields it refuses,
// usually from an init function; a field registered twice must keep its label.
func RegisterLabels(m map[string]string) {
	labels.Lock()
	defer labels.Unlock()
	if labels.m == nil {
		labels.m = make(map[string]string, len(m))
	}
	for field, label := range m {
		if old, ok := labels.m[field]; ok && old != label {
			panic(fmt.Sprintf("fielderr: %s is labelled both %q and %q", field, old, label))
		}
		labels.m[field] = label
	}
}

// Label is what a message calls field: its registered label; for a path such
// as "students.where.idIn", the label of its last labelled part ("筛选条件");
// else the field itself.
func Label(field string) string {
	labels.RLock()
	defer labels.RUnlock()
	if l, ok := labels.m[field]; ok {
		return l
	}
	parts := strings.Split(field, ".")
	for i := len(parts) - 1; i >= 0 && len(parts) > 1; i-- {
		if l, ok := labels.m[parts[i]]; ok {
			return l
		}
	}
	return field
}
