package format

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vobizctl/vobizctl/lint"
)

// prettyPrinter writes findings for a person at a terminal: the gcc-style line, the source line
// with the span underlined, the hint, and a summary at the end:
//
//	flows/ivr.xml:3:9: error: unknown attribute "timeout" on <Gather> [unknown-attribute]
//	3 | <Gather timeout="5">
//	  |         ^^^^^^^
//	  = hint: use executionTimeout
//
//	1 error, 0 warnings in 1 file (4 files checked)
//
// Colour comes only from opts.Styler.
type prettyPrinter struct {
	opts Options
}

// Print writes results in the pretty format.
func (p prettyPrinter) Print(w io.Writer, results []lint.Result) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		p.writeResult(bw, r)
	}
	p.writeSummary(bw, summarize(results))
	return bw.Flush()
}

func (p prettyPrinter) writeResult(w io.Writer, r lint.Result) {
	st := p.opts.Styler
	file := oneLine(r.File)
	if r.Err != nil {
		fmt.Fprintf(w, "%s: %s: %s\n\n", st.Path(file), st.Error("error"), st.Bold(oneLine(readErrorMessage(r.Err))))
	}
	index := newLineIndex(r.Source)
	for _, d := range sortedDiagnostics(r) {
		paint := p.severityStyle(d.Severity)
		fmt.Fprintf(w, "%s: %s: %s %s\n", st.Path(location(file, d)), paint(d.Severity.String()),
			st.Bold(oneLine(d.Message)), st.Dim("["+oneLine(d.Rule)+"]"))
		gutter := len(strconv.Itoa(max(d.End.Line, d.Start.Line, 1)))
		p.writeSnippet(w, index, d, gutter, paint)
		if d.Hint != "" {
			fmt.Fprintf(w, "%s %s %s\n", st.Dim(strings.Repeat(" ", gutter)+" ="), st.Bold("hint:"), oneLine(d.Hint))
		}
		fmt.Fprintln(w)
	}
}

func (p prettyPrinter) severityStyle(s lint.Severity) func(string) string {
	switch s {
	case lint.Error:
		return p.opts.Styler.Error
	case lint.Warning:
		return p.opts.Styler.Warning
	}
	return p.opts.Styler.Info
}

// writeSnippet shows the lines a diagnostic covers with its span underlined. A span over several
// lines shows its first line underlined to the end and its last line underlined from the first
// character, with "..." standing for the lines between. Nothing is shown when the source is
// missing or the position lies outside it.
func (p prettyPrinter) writeSnippet(w io.Writer, index lineIndex, d lint.Diagnostic, gutter int,
	paint func(string) string) {
	s := spanOf(d)
	first, ok := index.line(s.Start.Line)
	if !s.hasPosition() || !ok {
		return
	}
	s = trimSpanEnd(index, s)
	margin := 2 * p.opts.Width // characters, enough to fill a window of Width cells
	start := layoutNear(first, s.Start.Col, margin)
	if s.singleLine() {
		p.writeLine(w, s.Start.Line, start, start.cellOf(s.Start.Col), start.cellOf(s.End.Col), gutter, paint)
		return
	}
	p.writeLine(w, s.Start.Line, start, start.cellOf(s.Start.Col), start.width, gutter, paint)
	last, ok := index.line(s.End.Line)
	if !ok {
		return
	}
	if s.End.Line > s.Start.Line+1 {
		fmt.Fprintln(w, p.opts.Styler.Dim("..."))
	}
	end := layoutNear(last, s.End.Col, margin)
	endCell := end.cellOf(s.End.Col)
	p.writeLine(w, s.End.Line, end, min(end.firstTextCell(), max(endCell-1, 0)), endCell, gutter, paint)
}

// trimSpanEnd moves an end at the very start of a line (the span ends with a line break, End
// being exclusive) back to the end of the previous line, so no empty line is underlined.
func trimSpanEnd(index lineIndex, s span) span {
	if s.End.Line <= s.Start.Line || s.End.Col > 1 {
		return s
	}
	prev, _ := index.line(s.End.Line - 1)
	s.End.Line--
	s.End.Col = utf8.RuneCount(prev) + 1
	return s
}

// writeLine prints one source line and the underline of cells [from, to) beneath it, clipped to
// the terminal width.
func (p prettyPrinter) writeLine(w io.Writer, n int, l layout, from, to, gutter int, paint func(string) string) {
	st := p.opts.Styler
	prefix := gutter + 3 // "12 | "
	to = max(to, from+1) // an empty span still gets a caret, also past the end of the line
	win := clip(l, from, to, max(p.opts.Width-prefix, 20))
	offset, length := win.underline(from, to)
	text := strings.TrimRight(win.text(l), " ")
	if text != "" {
		text = " " + text
	}
	fmt.Fprintf(w, "%s%s\n", st.Dim(fmt.Sprintf("%*d |", gutter, n)), text)
	fmt.Fprintf(w, "%s %s%s\n", st.Dim(strings.Repeat(" ", gutter)+" |"), strings.Repeat(" ", offset),
		paint(strings.Repeat("^", length)))
}

// writeSummary closes the report: "2 errors, 1 warning in 2 files (5 files checked, 1 unreadable)".
func (p prettyPrinter) writeSummary(w io.Writer, s summary) {
	st := p.opts.Styler
	details := plural(s.Files, "file") + " checked"
	if s.Unreadable > 0 {
		details += fmt.Sprintf(", %d unreadable", s.Unreadable)
	}
	if s.findings() == 0 {
		fmt.Fprintf(w, "%s (%s)\n", st.Bold("No problems found"), details)
		return
	}
	counts := []string{p.count(s.Errors, "error", st.Error), p.count(s.Warnings, "warning", st.Warning)}
	if s.Infos > 0 {
		counts = append(counts, p.count(s.Infos, "info", st.Info))
	}
	fmt.Fprintf(w, "%s in %s (%s)\n", strings.Join(counts, ", "), plural(s.FilesWithFindings, "file"), details)
}

// count styles a non-zero count with its severity's style and leaves zero counts plain.
func (p prettyPrinter) count(n int, noun string, paint func(string) string) string {
	if n == 0 {
		return plural(n, noun)
	}
	return paint(plural(n, noun))
}
