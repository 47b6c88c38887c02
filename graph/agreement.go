package graph

import (
	"net/url"
	"strconv"

	"sanbao/agreement"
)

// AgreementCompletion is a completion report with its place, for the unsigned
// list and the archive link.
type AgreementCompletion struct {
	*agreement.Completion
	Term  string
	place agreement.Place
	query url.Values
}

// ArchiveURL is the batch PDF of the report's signed agreements.
func (c *AgreementCompletion) ArchiveURL() string {
	return "/agreements/archive.pdf?" + c.query.Encode()
}

func pdfURL(id int) string { return "/agreements/" + strconv.Itoa(id) + ".pdf" }
