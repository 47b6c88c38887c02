package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AuditLog records each read of personal data by a person or token: who, whose,
// when. An export of a list is one row naming the list and its scope. Rows are never changed; they outlive the people and students they name,
// so they hold plain IDs and names rather than foreign keys.
type AuditLog struct{ ent.Schema }

func (AuditLog) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (AuditLog) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("AT")),
		field.Enum("action").NamedValues("ViewStudent", "VIEW_STUDENT", "RevealIdNumber", "REVEAL_ID_NUMBER",
			"Export", "EXPORT", "ViewList", "VIEW_LIST").Immutable(),
		field.Int("actor_person_id").Optional().Immutable(),
		field.Int("actor_token_id").Optional().Immutable(),
		field.String("actor_name").Immutable(),
		// Zero and empty for an export, which names no one student.
		field.Int("student_id").Optional().Immutable(),
		field.String("student_name").Optional().Immutable(),
		// What was exported (the list and its scope, in words) and how many rows.
		field.String("subject").Optional().Immutable(),
		field.Int("rows").Optional().Immutable(),
		// The student's village and school at the time, for scoping the log;
		// for an export, the scope's division code padded to a village code.
		field.String("village_code").Immutable(),
		field.Int("school_id").Optional().Immutable(),
	}
}

func (AuditLog) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("student_id", "at"),
		index.Fields("actor_person_id", "at"),
		index.Fields("village_code", "at"),
	}
}

func (AuditLog) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
