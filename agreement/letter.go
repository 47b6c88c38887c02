package agreement

import "io"

// Letter is a one-off official document (a notice) set like the agreements:
// the same font, A4 page, margins, wrapping and Chinese punctuation rules.
type Letter struct{ d *doc }

// NewLetter starts a letter on its first page, its title centered.
func NewLetter(title string) (*Letter, error) {
	d, err := newDoc(title)
	if err != nil {
		return nil, err
	}
	d.page()
	return &Letter{d: d}, d.centered(title, 18)
}

// Para writes a paragraph, wrapped; an empty one is half a line of space.
func (l *Letter) Para(text string) error { return l.d.line(text, bodySize) }

// Small writes a line in a smaller size (a note, a receipt).
func (l *Letter) Small(text string) error { return l.d.line(text, 10) }

// SealBlock keeps the signing block of n lines and a seal's room together
// on one page and leaves the seal's room after the first line.
func (l *Letter) SealBlock(lines ...string) error {
	l.d.y += lead
	l.d.need(sealRoom + float64(len(lines)+1)*lead)
	for i, s := range lines {
		if err := l.d.line(s, bodySize); err != nil {
			return err
		}
		if i == 0 {
			l.d.y += sealRoom / 2
		}
	}
	return nil
}

// WriteTo writes the PDF.
func (l *Letter) WriteTo(w io.Writer) (int64, error) { return l.d.pdf.WriteTo(w) }
