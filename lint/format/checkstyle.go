package format

import (
	"encoding/xml"
	"io"

	"github.com/vobizctl/vobizctl/lint"
)

// checkstylePrinter writes Checkstyle XML (the 4.3 report shape that Jenkins warnings-ng,
// reviewdog, SonarQube and GitLab converters read): one <file> per document, clean ones
// included, with an <error> per finding. The source attribute is "vobizctl.<rule-id>", the
// convention ESLint's checkstyle output uses. An unreadable document gets one error at line 1
// with source "vobizctl", as Checkstyle itself reports a file it cannot parse.
type checkstylePrinter struct{}

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Print writes results in the checkstyle format.
func (checkstylePrinter) Print(w io.Writer, results []lint.Result) error {
	report := checkstyleReport{Version: "4.3", Files: []checkstyleFile{}}
	for _, r := range results {
		f := checkstyleFile{Name: r.File}
		if r.Err != nil {
			f.Errors = append(f.Errors, checkstyleError{
				Line: 1, Severity: "error", Message: readErrorMessage(r.Err), Source: ToolName,
			})
		}
		for _, d := range sortedDiagnostics(r) {
			f.Errors = append(f.Errors, checkstyleErrorOf(d))
		}
		report.Files = append(report.Files, f)
	}
	return writeXML(w, report)
}

// checkstyleErrorOf converts one finding. Checkstyle has no field for a hint, so it follows the
// message; a finding without a line is reported at line 1, the closest a file-level finding gets.
func checkstyleErrorOf(d lint.Diagnostic) checkstyleError {
	msg := d.Message
	if d.Hint != "" {
		msg += " (hint: " + d.Hint + ")"
	}
	e := checkstyleError{
		Line: d.Start.Line, Column: d.Start.Col, Severity: d.Severity.String(),
		Message: msg, Source: ToolName + "." + d.Rule,
	}
	if e.Line < 1 {
		e.Line, e.Column = 1, 0
	}
	e.Column = max(e.Column, 0)
	return e
}
