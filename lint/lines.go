package lint

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// lineIndex converts byte offsets to 1-based line and rune column positions. It is built only
// when a document has something to report.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the first byte of every line
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return &lineIndex{src: src, starts: starts}
}

// position returns the position of byte offset off (clamped to the document). Columns count
// runes, so a caret lines up under multi-byte characters.
func (li *lineIndex) position(off int) Position {
	off = max(0, min(off, len(li.src)))
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	col := utf8.RuneCount(li.src[li.starts[line]:off]) + 1
	return Position{Line: line + 1, Col: col, Offset: off}
}

// line returns the 1-based line of byte offset off.
func (li *lineIndex) line(off int) int {
	off = max(0, min(off, len(li.src)))
	return sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off })
}
