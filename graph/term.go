package graph

import (
	"time"

	"sanbao/term"
)

// Term is a school year or semester as the API shows it.
type Term struct {
	Label    string
	IsYear   bool
	Current  bool
	StartsOn string
	EndsOn   string
}

// termChoices are the terms one may choose on day now.
func termChoices(now time.Time) []*Term {
	year, sem := term.YearOf(now), term.Of(now)
	var out []*Term
	for _, t := range term.Choices(now) {
		out = append(out, &Term{
			Label: t.String(), IsYear: t.IsYear(), Current: t == year || t == sem,
			StartsOn: t.Start().Format("2006-01-02"), EndsOn: t.End().AddDate(0, 0, -1).Format("2006-01-02"),
		})
	}
	return out
}
