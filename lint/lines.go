package lint

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// lineIndex converts byte offsets to 1-based line and rune column positions. It is built only
// when a document has something to report. Counting runes from the start of the line would be
// quadratic on a long single-line document with many findings, so position keeps a cursor for
// offsets asked in increasing order, and advance counts from a known position.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the first byte of every line
	cursor Position
}

func newLineIndex(src []byte, w *window) *lineIndex {
	starts := make([]int, 1, 1+countLines(src, w))
	for i := 0; ; w.passed(i) {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	w.restart()
	return &lineIndex{src: src, starts: starts, cursor: Position{Line: 1, Col: 1}}
}

// countLines counts the line breaks of src in steps the window can release behind.
func countLines(src []byte, w *window) int {
	w.restart()
	n := 0
	for start := 0; start < len(src); start += releaseStep {
		end := min(len(src), start+releaseStep)
		n += bytes.Count(src[start:end], []byte{'\n'})
		w.passed(end)
	}
	w.restart()
	return n
}

// position returns the position of byte offset off (clamped to the document). Columns count
// runes, so a caret lines up under multi-byte characters.
func (li *lineIndex) position(off int) Position {
	p := li.advance(li.cursor, off)
	li.cursor = p
	return p
}

// advance returns the position of off, counting from the known position from when off is on the
// same line and not before it.
func (li *lineIndex) advance(from Position, off int) Position {
	off = max(0, min(off, len(li.src)))
	line := li.line(off)
	if line != from.Line || off < from.Offset {
		from = Position{Line: line, Col: 1, Offset: li.starts[line-1]}
	}
	return Position{Line: line, Col: from.Col + utf8.RuneCount(li.src[from.Offset:off]), Offset: off}
}

// line returns the 1-based line of byte offset off.
func (li *lineIndex) line(off int) int {
	off = max(0, min(off, len(li.src)))
	return sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off })
}
