package graph

import (
	"sanbao/graph/model"
	"sanbao/importjob"
)

// importKind describes an import kind for the upload screen.
func importKind(k importjob.Kind) *model.ImportKind {
	m := &model.ImportKind{Name: k.Name(), Label: k.Label(),
		TemplateURL: importjob.TemplateURL(k.Name()), UploadURL: importjob.UploadURL(k.Name())}
	for _, c := range k.Columns().List() {
		m.Columns = append(m.Columns, &model.ImportColumn{Name: c.Name, Required: c.Required, Note: c.Note})
	}
	return m
}
