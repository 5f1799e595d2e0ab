package format

import (
	"encoding/xml"
	"io"
	"strings"

	"github.com/vobizctl/vobizctl/lint"
)

// junitPrinter writes JUnit XML in the shape GitLab, Jenkins and most CI test reports read: one
// <testsuite> per document holding one <testcase> for it. The test case fails (<failure>) when
// the document has errors, lists every finding in the failure body, and passes with warnings and
// infos in <system-out> otherwise; an unreadable document is an <error>.
//
// One test case per document rather than per finding keeps test names stable across runs (a
// finding's line changes whenever lines are added above it), which CI systems need to track a
// test's history and tell new failures from old ones.
type junitPrinter struct{}

type junitTestsuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// junitClassname groups every test case under one class; Jenkins splits classnames at dots into
// package and class, so a file name (which has dots) would be mangled there.
const junitClassname = "vobizctl.lint"

// Print writes results in the junit format.
func (junitPrinter) Print(w io.Writer, results []lint.Result) error {
	doc := junitTestsuites{Name: "vobizctl lint", Suites: []junitSuite{}}
	for _, r := range results {
		suite := junitSuiteOf(r)
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
		doc.Suites = append(doc.Suites, suite)
	}
	return writeXML(w, doc)
}

func junitSuiteOf(r lint.Result) junitSuite {
	tc := junitCase{Name: r.File, Classname: junitClassname, File: r.File}
	var s summary
	s.addCounts(r.Diagnostics)
	var findings strings.Builder
	writeTextResult(&findings, lint.Result{File: r.File, Diagnostics: r.Diagnostics})
	suite := junitSuite{Name: r.File, Tests: 1}
	switch {
	case r.Err != nil:
		tc.Error = &junitProblem{Message: readErrorMessage(r.Err), Type: "read-error"}
		suite.Errors = 1
	case s.Errors > 0:
		tc.Failure = &junitProblem{Message: s.counts(), Type: "lint", Body: findings.String()}
		suite.Failures = 1
	default:
		tc.SystemOut = findings.String()
	}
	suite.Cases = []junitCase{tc}
	return suite
}

// writeXML writes the XML declaration and v indented by two spaces, ending with a newline.
// encoding/xml escapes <, &, quotes and line breaks in attributes, and replaces characters XML
// cannot hold with U+FFFD.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
