package format

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/clipperhouse/displaywidth"
)

// tabWidth is the tab stop used to expand tabs in source snippets. Source line and underline are
// expanded the same way, so the caret stays aligned whatever the value; 4 keeps indented XML
// readable in an 80-column terminal.
const tabWidth = 4

// lineIndex finds source lines by number without rescanning the document for every finding.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the start of each line; starts[0] is line 1
}

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{src: src, starts: starts}
}

// line returns line n (1-based) without its "\n" or "\r\n" terminator.
func (x lineIndex) line(n int) ([]byte, bool) {
	if n < 1 || n > len(x.starts) || len(x.src) == 0 {
		return nil, false
	}
	start, end := x.starts[n-1], len(x.src)
	if n < len(x.starts) {
		end = x.starts[n] - 1
	}
	return bytes.TrimSuffix(x.src[start:end], []byte("\r")), true
}

// glyph is how one source character appears on screen.
type glyph struct {
	text  string // what to print: the rune itself, spaces for a tab, U+FFFD for anything unsafe
	cell  int    // first terminal cell it occupies, 0-based
	width int    // cells it occupies
}

// layout places a source line's characters on terminal cells. Columns in diagnostics count
// characters (one per rune, one per invalid byte, as Go decodes UTF-8); cells count what the
// terminal shows (tabs expanded, East Asian wide characters taking two).
type layout struct {
	glyphs   []glyph
	width    int
	firstCol int  // column of glyphs[0]; above 1 when the line was cut on the left
	cutLeft  bool // characters before firstCol exist but were not laid out
	cutRight bool // characters after the last glyph exist but were not laid out
}

// maxLayoutBytes bounds the work per finding: a longer line (minified XML can be megabytes on
// one line) is laid out only around the finding, never whole.
const maxLayoutBytes = 4096

// layoutNear lays out line, or for a long line only the characters within margin columns of
// column col, which is all a terminal-wide window around col can show.
func layoutNear(line []byte, col, margin int) layout {
	if len(line) <= maxLayoutBytes {
		return layoutLine(line)
	}
	firstCol := max(1, col-margin)
	start := byteOffsetOfColumn(line, 0, 1, firstCol)
	end := byteOffsetOfColumn(line, start, firstCol, col+margin)
	l := layoutLine(line[start:end])
	l.firstCol, l.cutLeft, l.cutRight = firstCol, start > 0, end < len(line)
	return l
}

// byteOffsetOfColumn returns the byte offset of column col, scanning from byte offset from
// (which is column fromCol); columns past the end give len(line).
func byteOffsetOfColumn(line []byte, from, fromCol, col int) int {
	i := from
	for c := fromCol; c < col && i < len(line); c++ {
		_, size := utf8.DecodeRune(line[i:])
		i += size
	}
	return i
}

func layoutLine(line []byte) layout {
	l := layout{firstCol: 1}
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRune(line[i:])
		g := glyph{cell: l.width}
		switch {
		case r == '\t':
			g.width = tabWidth - l.width%tabWidth
			g.text = strings.Repeat(" ", g.width)
		case (r == utf8.RuneError && size == 1) || isControl(r) || isBidiControl(r):
			g.text, g.width = "\uFFFD", 1
		default:
			g.text, g.width = string(r), displaywidth.Rune(r)
		}
		l.glyphs = append(l.glyphs, g)
		l.width += g.width
		i += size
	}
	return l
}

// isBidiControl reports the invisible direction overrides that could make a printed source line
// read differently from what the parser saw.
func isBidiControl(r rune) bool {
	return r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// cellOf returns the cell where the character at column col (1-based) starts. Columns past the
// end of the line continue one cell per column, so a caret can point just after the last
// character (an unclosed tag at the end of a line).
func (l layout) cellOf(col int) int {
	i := max(col-l.firstCol, 0)
	if i < len(l.glyphs) {
		return l.glyphs[i].cell
	}
	return l.width + i - len(l.glyphs)
}

// firstTextCell returns the cell of the first character that is not a space or tab.
func (l layout) firstTextCell() int {
	for _, g := range l.glyphs {
		if strings.TrimSpace(g.text) != "" {
			return g.cell
		}
	}
	return l.width
}

// render returns the characters that fit entirely inside cells [from, to); a wide character cut
// by an edge is replaced by spaces so that later cells stay aligned.
func (l layout) render(from, to int) string {
	var b strings.Builder
	for _, g := range l.glyphs {
		end := g.cell + g.width
		switch {
		case end <= from || g.cell >= to:
			continue
		case g.cell >= from && end <= to:
			b.WriteString(g.text)
		default:
			b.WriteString(strings.Repeat(" ", min(end, to)-max(g.cell, from)))
		}
	}
	return b.String()
}

// window is the part of a line, in cells, that fits the terminal.
type window struct {
	left, right     int  // cells [left, right) are on screen, ellipses included
	clipL, clipR    bool // whether "…" replaces the first or last cell
	contentL, contR int  // cells of source text actually shown
}

// clip chooses which cells of a line to show so that the underlined cells [from, to) stay
// visible on a screen avail cells wide: the line as is when it fits, its start when the
// underline fits there, otherwise a window that starts a little before the underline, with "…"
// marking each cut edge.
func clip(l layout, from, to, avail int) window {
	extent := max(l.width, to)
	if extent <= avail && !l.cutLeft && !l.cutRight {
		return window{left: 0, right: extent, contentL: 0, contR: l.width}
	}
	left := 0 // the start of the line, when the underline fits before the right ellipsis
	if to > avail-1 {
		left = max(0, from-min(avail/4, 16))
	}
	right := left + avail
	if right > extent {
		right, left = extent, extent-avail
	}
	w := window{left: left, right: right, clipL: left > 0 || l.cutLeft, clipR: right < l.width || l.cutRight}
	w.contentL, w.contR = left, min(right, l.width)
	if w.clipL {
		w.contentL++
	}
	if w.clipR {
		w.contR--
	}
	return w
}

// text renders the visible part of the line with its ellipses.
func (w window) text(l layout) string {
	s := l.render(w.contentL, w.contR)
	if w.clipL {
		s = "…" + s
	}
	if w.clipR {
		s += "…"
	}
	return s
}

// underline returns the offset (in cells from the window's left edge) and length of the part of
// [from, to) that is on screen; the length is at least 1 so an empty span still gets a caret.
func (w window) underline(from, to int) (offset, length int) {
	limit := w.right
	if w.clipR {
		limit--
	}
	start := min(max(from, w.contentL), limit-1)
	end := min(to, limit)
	return start - w.left, max(end-start, 1)
}
