package format

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

func TestLayoutCells(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		cells []int // cell of each column, then the total width
	}{
		{"ascii", "ab", []int{0, 1, 2}},
		{"tab to the next stop", "a\tb", []int{0, 1, 4, 5}},
		{"tab at a stop", "abcd\tb", []int{0, 1, 2, 3, 4, 8, 9}},
		{"multi-byte letters are one cell", "üé", []int{0, 1, 2}},
		{"wide letters are two cells", "日本x", []int{0, 2, 4, 5}},
		{"combining mark takes none", "e\u0301x", []int{0, 1, 1, 2}},
		{"control and invalid bytes are one cell", "\x1b\xffx", []int{0, 1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := layoutLine([]byte(tt.line))
			var got []int
			for col := 1; col <= len(tt.cells)-1; col++ {
				got = append(got, l.cellOf(col))
			}
			got = append(got, l.width)
			if diff := cmp.Diff(tt.cells, got); diff != "" {
				t.Errorf("cells (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLayoutRenderIsSafe(t *testing.T) {
	got := layoutLine([]byte("a\x1b[31m\u202eb\tc")).render(0, 100)
	want := "a\uFFFD[31m\uFFFDb    c"
	if got != want {
		t.Errorf("render = %q, want %q", got, want)
	}
}

func TestLayoutRenderCutsWideCharacters(t *testing.T) {
	l := layoutLine([]byte("日本語"))
	if got := l.render(1, 5); got != " 本 " {
		t.Errorf("render(1, 5) = %q, want %q", got, " 本 ")
	}
}

func TestLineIndex(t *testing.T) {
	x := newLineIndex([]byte("one\r\ntwo\n\nlast"))
	tests := []struct {
		n    int
		want string
		ok   bool
	}{{0, "", false}, {1, "one", true}, {2, "two", true}, {3, "", true}, {4, "last", true}, {5, "", false}}
	for _, tt := range tests {
		got, ok := x.line(tt.n)
		if string(got) != tt.want || ok != tt.ok {
			t.Errorf("line(%d) = %q, %v; want %q, %v", tt.n, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := newLineIndex(nil).line(1); ok {
		t.Error("an empty source has no line 1")
	}
}

// snippet renders the source lines pretty prints for one diagnostic, without the header.
func snippet(t *testing.T, src string, start, end lint.Position, width int) string {
	t.Helper()
	p := prettyPrinter{opts: Options{Styler: PlainStyler{}, Width: width}}
	var buf bytes.Buffer
	d := lint.Diagnostic{Start: start, End: end}
	p.writeSnippet(&buf, newLineIndex([]byte(src)), d, len("9"), func(s string) string { return s })
	return buf.String()
}

func TestSnippet(t *testing.T) {
	p := func(line, col int) lint.Position { return lint.Position{Line: line, Col: col} }
	long := "<Speak>" + strings.Repeat("0123456789", 10) + "<Bad/></Speak>"
	tests := []struct {
		name       string
		src        string
		start, end lint.Position
		width      int
		want       string
	}{
		{"span", "<Wait length=\"x\"/>", p(1, 15), p(1, 16), 80,
			"1 | <Wait length=\"x\"/>\n  |               ^\n"},
		{"empty span gets one caret", "<Wait/>", p(1, 6), p(1, 6), 80, "1 | <Wait/>\n  |      ^\n"},
		{"caret after the line end", "<Wait", p(1, 6), p(1, 6), 80, "1 | <Wait\n  |      ^\n"},
		{"after a tab and wide characters", "\t日本<x/>", p(1, 4), p(1, 8), 80,
			"1 |     日本<x/>\n  |         ^^^^\n"},
		{"span ending with the line break", "<a>\n</a>", p(1, 1), p(2, 1), 80, "1 | <a>\n  | ^^^\n"},
		{"two lines", "<a\n  b>", p(1, 1), p(2, 5), 80, "1 | <a\n  | ^^\n2 |   b>\n  |   ^^\n"},
		{"several lines", "<a>\nx\ny\n</a>", p(1, 1), p(4, 5), 80,
			"1 | <a>\n  | ^^^\n...\n4 | </a>\n  | ^^^^\n"},
		{"long line clipped around the span", long, p(1, 108), p(1, 114), 40,
			"1 | …901234567890123456789<Bad/></Speak>\n  |                       ^^^^^^\n"},
		{"long line start kept when the span is there", long, p(1, 1), p(1, 8), 40,
			"1 | <Speak>0123456789012345678901234567…\n  | ^^^^^^^\n"},
		{"long span clipped at the edge", long, p(1, 1), p(1, 121), 40,
			"1 | <Speak>0123456789012345678901234567…\n  | " + strings.Repeat("^", 35) + "\n"},
		{"end beyond the source", "<a>\n", p(1, 1), p(5, 1), 80, "1 | <a>\n  | ^^^\n"},
		{"end on a blank line", "<a>\n   ", p(1, 1), p(2, 2), 80, "1 | <a>\n  | ^^^\n2 |\n  | ^\n"},
		{"line outside the source", "<a/>", p(3, 1), p(3, 2), 80, ""},
		{"whole file", "<a/>", lint.Position{}, lint.Position{}, 80, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snippet(t, tt.src, tt.start, tt.end, tt.width)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("snippet (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPrettySummary(t *testing.T) {
	tests := []struct {
		name string
		s    summary
		want string
	}{
		{"clean", summary{Files: 3}, "No problems found (3 files checked)\n"},
		{"clean but unreadable", summary{Files: 3, Unreadable: 1}, "No problems found (3 files checked, 1 unreadable)\n"},
		{"findings", summary{Files: 4, FilesWithFindings: 1, Errors: 1, Warnings: 2},
			"{error:1 error}, {warning:2 warnings} in 1 file (4 files checked)\n"},
		{"infos", summary{Files: 1, FilesWithFindings: 1, Infos: 2}, "0 errors, 0 warnings, {info:2 infos} in 1 file (1 file checked)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			prettyPrinter{opts: Options{Styler: tagStyler{}}}.writeSummary(&buf, tt.s)
			got := strings.ReplaceAll(strings.ReplaceAll(buf.String(), "{bold:", ""), "found}", "found")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSnippetLongLine(t *testing.T) {
	p := func(line, col int) lint.Position { return lint.Position{Line: line, Col: col} }
	digits := strings.Repeat("0123456789", 1000) // 10,000 columns: laid out only near the span
	tests := []struct {
		name       string
		src        string
		start, end lint.Position
		want       string
	}{
		{"middle", digits + "<Bad/>" + digits, p(1, 10001), p(1, 10007),
			"1 | …23456789<Bad/>01234567890123456789…\n  |          ^^^^^^\n"},
		{"start", "<Bad/>" + digits, p(1, 1), p(1, 7),
			"1 | <Bad/>01234567890123456789012345678…\n  | ^^^^^^\n"},
		{"end", digits + "<Bad/>", p(1, 10001), p(1, 10007),
			"1 | …12345678901234567890123456789<Bad/>\n  |                               ^^^^^^\n"},
		{"several lines from a long one", digits + "<a>\n</a>", p(1, 10001), p(2, 5),
			"1 | …89012345678901234567890123456789<a>\n  |                                  ^^^\n2 | </a>\n  | ^^^^\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snippet(t, tt.src, tt.start, tt.end, 40)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("snippet (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSnippetHugeLineMemory prints a finding in the middle of a 5 MB single-line document, as
// minified XML can be, and expects the work to stay proportional to the terminal, not the line.
func TestSnippetHugeLineMemory(t *testing.T) {
	src := strings.Repeat("<Speak>Grüße</Speak>", 5<<20/21)
	mid := utf8.RuneCountInString(src) / 2
	start, end := lint.Position{Line: 1, Col: mid}, lint.Position{Line: 1, Col: mid + 5}
	allocs := testing.AllocsPerRun(3, func() { snippet(t, src, start, end, 80) })
	if allocs > 1000 {
		t.Errorf("%v allocations for one snippet, want a few hundred at most", allocs)
	}
}
