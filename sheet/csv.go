package sheet

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decodeText returns a CSV's text as UTF-8. Excel on Chinese Windows saves
// "CSV" as GB18030 (GBK), "CSV UTF-8" with a BOM, "Unicode text" as UTF-16
// with a BOM; anything that is not valid UTF-8 is taken as GB18030, a
// superset of GBK and GB2312.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
	case utf8.Valid(data):
		return data, nil
	}
	return simplifiedchinese.GB18030.NewDecoder().Bytes(data)
}

// csvRecord is one record of a CSV file.
type csvRecord struct {
	fields []string
	// problem, when set, says why the record could not be read whole and
	// in which field (0-based); the fields read so far are kept.
	problem    string
	problemCol int
}

// csvParser reads RFC 4180 records (as Excel and WPS write them) and, unlike
// encoding/csv, goes on after a malformed record so that every bad row can
// be listed, with the reason in Chinese.
type csvParser struct {
	data  []byte
	pos   int
	comma byte
}

func newCSVParser(text []byte) *csvParser {
	p := &csvParser{data: text, comma: ','}
	// "Unicode text" from Excel is tab-separated: judge by the first line.
	first := text
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		first = text[:i]
	}
	if bytes.Count(first, []byte{'\t'}) > bytes.Count(first, []byte{','}) {
		p.comma = '\t'
	}
	return p
}

// next returns the next record; ok is false at the end of the file.
func (p *csvParser) next() (rec csvRecord, ok bool) {
	if p.pos >= len(p.data) {
		return rec, false
	}
	var field []byte
	for {
		field = field[:0]
		if p.pos < len(p.data) && p.data[p.pos] == '"' {
			// A quoted field: "" is a quote; it may span lines.
			open := p.pos
			p.pos++
			for {
				i := bytes.IndexByte(p.data[p.pos:], '"')
				if i < 0 {
					rec.fail(len(rec.fields), "引号没有配对（以引号开头的内容缺少结尾的引号）")
					// Resume after the line the quote opened on, not at the end of the file.
					p.pos = open
					p.skipLine()
					return rec, true
				}
				field = append(field, p.data[p.pos:p.pos+i]...)
				p.pos += i + 1
				if p.pos < len(p.data) && p.data[p.pos] == '"' {
					field = append(field, '"')
					p.pos++
					continue
				}
				break
			}
			switch p.fieldEnd() {
			case endField:
				rec.fields = append(rec.fields, string(field))
				continue
			case endRecord:
				rec.fields = append(rec.fields, string(field))
				return rec, true
			}
			// "a"b: keep the rest of the field as it stands, and say so.
			rec.fail(len(rec.fields), "引号后面还有内容（引号内的文字里的引号要写成两个引号）")
			j := p.pos
			for j < len(p.data) && p.data[j] != p.comma && p.data[j] != '\n' {
				j++
			}
			field = append(field, bytes.TrimSuffix(p.data[p.pos:j], []byte{'\r'})...)
			p.pos = j
		} else {
			// An unquoted field runs to the separator or the end of the line.
			j := p.pos
			for j < len(p.data) && p.data[j] != p.comma && p.data[j] != '\n' {
				j++
			}
			raw := bytes.TrimSuffix(p.data[p.pos:j], []byte{'\r'})
			if bytes.IndexByte(raw, '"') >= 0 {
				rec.fail(len(rec.fields), "含有引号的内容须整体用引号括起，内容中的引号写成两个引号")
			}
			field = append(field, raw...)
			p.pos = j
		}
		rec.fields = append(rec.fields, string(field))
		if p.pos < len(p.data) && p.data[p.pos] == p.comma {
			p.pos++
			continue
		}
		if p.pos < len(p.data) {
			p.pos++ // the newline
		}
		return rec, true
	}
}

const (
	endField = iota
	endRecord
	endJunk
)

// fieldEnd consumes what follows a closing quote.
func (p *csvParser) fieldEnd() int {
	if p.pos < len(p.data) && p.data[p.pos] == '\r' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '\n' {
		p.pos++
	}
	switch {
	case p.pos >= len(p.data):
		return endRecord
	case p.data[p.pos] == p.comma:
		p.pos++
		return endField
	case p.data[p.pos] == '\n':
		p.pos++
		return endRecord
	}
	return endJunk
}

// skipLine moves past the end of the current line.
func (p *csvParser) skipLine() {
	if i := bytes.IndexByte(p.data[p.pos:], '\n'); i >= 0 {
		p.pos += i + 1
	} else {
		p.pos = len(p.data)
	}
}

// fail keeps the record's first problem.
func (r *csvRecord) fail(col int, reason string) {
	if r.problem == "" {
		r.problem, r.problemCol = reason, col
	}
}
