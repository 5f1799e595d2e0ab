package format

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vobizctl/vobizctl/lint"
)

// sortedDiagnostics returns a copy of r's diagnostics in document order, so that every format
// prints them the same way whatever order the rules reported them in.
func sortedDiagnostics(r lint.Result) []lint.Diagnostic {
	ds := slices.Clone(r.Diagnostics)
	slices.SortStableFunc(ds, compareDiagnostics)
	return ds
}

func compareDiagnostics(a, b lint.Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Start.Line, b.Start.Line),
		cmp.Compare(a.Start.Col, b.Start.Col),
		cmp.Compare(a.End.Line, b.End.Line),
		cmp.Compare(a.End.Col, b.End.Col),
		cmp.Compare(a.Severity, b.Severity),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Message, b.Message),
	)
}

// span is a diagnostic's range with End never before Start. End is exclusive: it names the
// character after the last one in the range, as SARIF regions and LSP ranges do. A span whose
// Start.Line is below 1 has no position and refers to the whole file.
type span struct {
	Start, End lint.Position
}

func spanOf(d lint.Diagnostic) span {
	s := span{Start: d.Start, End: d.End}
	if s.Start.Col < 1 {
		s.Start.Col = 1
	}
	if s.End.Line < s.Start.Line || (s.End.Line == s.Start.Line && s.End.Col < s.Start.Col) {
		s.End = s.Start
	}
	return s
}

// hasPosition reports whether the span points into the document rather than at the whole file.
func (s span) hasPosition() bool { return s.Start.Line >= 1 }

// singleLine reports whether the span starts and ends on the same line.
func (s span) singleLine() bool { return s.Start.Line == s.End.Line }

// location formats file:line:col the way compilers do, leaving out what the diagnostic lacks.
func location(file string, d lint.Diagnostic) string {
	switch {
	case d.Start.Line < 1:
		return file
	case d.Start.Col < 1:
		return fmt.Sprintf("%s:%d", file, d.Start.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, d.Start.Line, d.Start.Col)
}

// summary counts what a set of results holds.
type summary struct {
	Files             int `json:"files"`
	FilesWithFindings int `json:"filesWithFindings"`
	Unreadable        int `json:"unreadable"`
	Errors            int `json:"errors"`
	Warnings          int `json:"warnings"`
	Infos             int `json:"infos"`
}

func summarize(results []lint.Result) summary {
	var s summary
	for _, r := range results {
		s.Files++
		if r.Err != nil {
			s.Unreadable++
		}
		if len(r.Diagnostics) > 0 {
			s.FilesWithFindings++
		}
		s.addCounts(r.Diagnostics)
	}
	return s
}

func (s *summary) addCounts(ds []lint.Diagnostic) {
	for _, d := range ds {
		switch d.Severity {
		case lint.Error:
			s.Errors++
		case lint.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
}

// findings returns the number of diagnostics counted.
func (s summary) findings() int { return s.Errors + s.Warnings + s.Infos }

// counts phrases the severity counts: "2 errors, 1 warning", adding infos only when there are any.
func (s summary) counts() string {
	parts := []string{plural(s.Errors, "error"), plural(s.Warnings, "warning")}
	if s.Infos > 0 {
		parts = append(parts, plural(s.Infos, "info"))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// oneLine makes s safe to print as part of one terminal line: newlines, other control
// characters, direction overrides and invalid UTF-8 become Go-style escapes (\n, \x1b, \u202e),
// so a message can neither break the one-finding-per-line layout nor send escape sequences to
// the terminal.
func oneLine(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isControl(r) || isBidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || isControl(r) || isBidiControl(r) {
			return true
		}
	}
	return false
}

// isControl reports C0 and C1 control characters and DEL, the runes a terminal may interpret.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f)
}
