package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ImportJob is one uploaded spreadsheet being checked and stored in the
// background: who uploaded what, how far it got, and how it ended. It is
// placed at the uploader's unit, so the bureau or school above sees it too.
// updated_at doubles as the runner's heartbeat.
type ImportJob struct{ ent.Schema }

func (ImportJob) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}, timestamps{}} }

func (ImportJob) Fields() []ent.Field {
	return []ent.Field{
		maxChars(field.String("kind").NotEmpty(), 32).Immutable().Comment("households, students, …"),
		field.Enum("state").NamedValues("Queued", "QUEUED", "Checking", "CHECKING", "Storing", "STORING",
			"Done", "DONE", "Failed", "FAILED").Default("QUEUED").
			Comment("排队 / 校验中 / 导入中 / 完成 / 失败").Annotations(entgql.OrderField("STATE")),
		maxChars(field.String("file_name"), 255).Immutable(),
		field.Int("file_size").Immutable(),
		field.Int("created_by_id").Immutable(),
		// Where the job belongs: the uploader's unit and its division.
		field.Int("org_id").Immutable(),
		field.String("division_code").MinLen(12).MaxLen(12).Immutable(),
		field.Int("rows_total").Default(0).Comment("data rows in the file, known once it is read"),
		field.Int("rows_checked").Default(0),
		field.Int("rows_stored").Default(0),
		field.Int("created_count").Default(0),
		field.Int("updated_count").Default(0),
		field.Int("error_count").Default(0).Comment("wrong cells; nothing is stored when there are any"),
		maxChars(field.String("message").Default(""), 500).Comment("why the file as a whole failed"),
		field.Bool("retryable").Default(false).Comment("the failure was not the file's: uploading it again may work"),
		field.Time("started_at").Optional().Nillable(),
		field.Time("finished_at").Optional().Nillable(),
	}
}

func (ImportJob) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.To("created_by", Person.Type).Unique().Required().Immutable().Field("created_by_id").Annotations(skip),
		edge.To("org", Org.Type).Unique().Required().Immutable().Field("org_id").Annotations(skip),
		edge.From("cell_errors", ImportCellError.Type).Ref("job").
			Annotations(entgql.RelayConnection(), skip),
		edge.To("file", ImportFile.Type).Unique().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (ImportJob) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("created_by_id", "created_at"),
		index.Fields("division_code", "created_at"),
		index.Fields("state", "updated_at"),
	}
}

func (ImportJob) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// ImportCellError is one wrong cell of an import job's file.
type ImportCellError struct{ ent.Schema }

func (ImportCellError) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (ImportCellError) Fields() []ent.Field {
	return []ent.Field{
		field.Int("job_id").Immutable(),
		field.Int("line").Immutable().Comment("row as the spreadsheet program numbers it"),
		field.String("column").Immutable().Comment("the column's header"),
		field.String("reason").Immutable(),
	}
}

func (ImportCellError) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("job", ImportJob.Type).Unique().Required().Immutable().Field("job_id").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (ImportCellError) Indexes() []ent.Index {
	return []ent.Index{index.Fields("job_id", "line")}
}

func (ImportCellError) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// ImportFile keeps an import job's uploaded file, to mark its wrong cells in
// a copy. Apart from the job, so that listing jobs never loads files.
type ImportFile struct{ ent.Schema }

func (ImportFile) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (ImportFile) Fields() []ent.Field {
	return []ent.Field{
		field.Int("job_id").Unique().Immutable(),
		field.Bytes("data").Immutable().MaxLen(32 << 20),
	}
}

func (ImportFile) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("job", ImportJob.Type).Ref("file").Unique().Required().Immutable().Field("job_id"),
	}
}

func (ImportFile) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
