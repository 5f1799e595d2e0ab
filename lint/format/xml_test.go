package format

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

// hostileResults holds text that XML cannot carry as is: markup characters, a CDATA end,
// control characters that XML 1.0 forbids, and invalid UTF-8.
func hostileResults() []lint.Result {
	const file = `flows/<a&b>"c"]]>.xml`
	return []lint.Result{{File: file, Diagnostics: []lint.Diagnostic{{
		File: file, Start: lint.Position{Line: 1, Col: 1}, End: lint.Position{Line: 1, Col: 2},
		Rule: "x<y>", Message: "bad \x00 \x1b[31mred\x1b[0m \xff ]]> <&'\">", Hint: "line\nbreak",
	}}}, {File: "b.xml", Err: errors.New("read <b.xml>: \x07 & \"denied\"")}}
}

// wellFormed reads every token with a strict decoder, so any markup error fails.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v\n%s", err, data)
		}
	}
}

func TestCheckstyleParses(t *testing.T) {
	type readError struct {
		Line     int    `xml:"line,attr"`
		Column   int    `xml:"column,attr"`
		Severity string `xml:"severity,attr"`
		Message  string `xml:"message,attr"`
		Source   string `xml:"source,attr"`
	}
	type readFile struct {
		Name   string      `xml:"name,attr"`
		Errors []readError `xml:"error"`
	}
	var got struct {
		Version string     `xml:"version,attr"`
		Files   []readFile `xml:"file"`
	}
	out := printWith(t, checkstylePrinter{}, hostileResults())
	wellFormed(t, out)
	if err := xml.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := []readFile{
		{Name: `flows/<a&b>"c"]]>.xml`, Errors: []readError{{Line: 1, Column: 1, Severity: "error",
			Message: "bad \uFFFD \uFFFD[31mred\uFFFD[0m \uFFFD ]]> <&'\"> (hint: line\nbreak)", Source: "vobizctl.x<y>"}}},
		{Name: "b.xml", Errors: []readError{{Line: 1, Severity: "error",
			Message: "cannot read file: read <b.xml>: \uFFFD & \"denied\"", Source: "vobizctl"}}},
	}
	if diff := cmp.Diff(want, got.Files); diff != "" || got.Version != "4.3" {
		t.Errorf("version %q; files (-want +got):\n%s", got.Version, diff)
	}
}

type readJUnitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

type readJUnitCase struct {
	Name      string            `xml:"name,attr"`
	Classname string            `xml:"classname,attr"`
	Failure   *readJUnitProblem `xml:"failure"`
	Error     *readJUnitProblem `xml:"error"`
	SystemOut string            `xml:"system-out"`
}

type readJUnitSuite struct {
	Name     string          `xml:"name,attr"`
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Cases    []readJUnitCase `xml:"testcase"`
}

func TestJUnitParses(t *testing.T) {
	var got struct {
		Tests    int              `xml:"tests,attr"`
		Failures int              `xml:"failures,attr"`
		Errors   int              `xml:"errors,attr"`
		Suites   []readJUnitSuite `xml:"testsuite"`
	}
	out := printWith(t, junitPrinter{}, hostileResults())
	wellFormed(t, out)
	if err := xml.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	const file = `flows/<a&b>"c"]]>.xml`
	want := []readJUnitSuite{
		{Name: file, Tests: 1, Failures: 1, Cases: []readJUnitCase{{Name: file, Classname: "vobizctl.lint",
			Failure: &readJUnitProblem{Message: "1 error, 0 warnings", Type: "lint",
				Body: file + `:1:1: error: bad \x00 \x1b[31mred\x1b[0m \xff ]]> <&'"> [x<y>]` + "\n    hint: line\\nbreak\n"}}}},
		{Name: "b.xml", Tests: 1, Errors: 1, Cases: []readJUnitCase{{Name: "b.xml", Classname: "vobizctl.lint",
			Error: &readJUnitProblem{Message: "cannot read file: read <b.xml>: \uFFFD & \"denied\"", Type: "read-error"}}}},
	}
	if diff := cmp.Diff(want, got.Suites); diff != "" {
		t.Errorf("suites (-want +got):\n%s", diff)
	}
	if got.Tests != 2 || got.Failures != 1 || got.Errors != 1 {
		t.Errorf("totals tests=%d failures=%d errors=%d, want 2, 1, 1", got.Tests, got.Failures, got.Errors)
	}
}

// TestJUnitOutcomes checks which documents fail: errors fail, warnings and infos pass with their
// findings in system-out, clean files pass silently.
func TestJUnitOutcomes(t *testing.T) {
	finding := func(s lint.Severity) lint.Diagnostic {
		return lint.Diagnostic{Start: lint.Position{Line: 2, Col: 3}, Severity: s, Rule: "r", Message: "m"}
	}
	tests := []struct {
		name   string
		diags  []lint.Diagnostic
		failed bool
		sysOut string
	}{
		{"clean", nil, false, ""},
		{"warning only", []lint.Diagnostic{finding(lint.Warning)}, false, "a.xml:2:3: warning: m [r]\n"},
		{"info only", []lint.Diagnostic{finding(lint.Info)}, false, "a.xml:2:3: info: m [r]\n"},
		{"error and warning", []lint.Diagnostic{finding(lint.Warning), finding(lint.Error)}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			suite := junitSuiteOf(lint.Result{File: "a.xml", Diagnostics: tt.diags})
			tc := suite.Cases[0]
			if (tc.Failure != nil) != tt.failed || suite.Failures != map[bool]int{true: 1}[tt.failed] {
				t.Errorf("failure = %v (suite failures %d), want failed=%v", tc.Failure, suite.Failures, tt.failed)
			}
			if tc.SystemOut != tt.sysOut {
				t.Errorf("system-out = %q, want %q", tc.SystemOut, tt.sysOut)
			}
			if tt.failed && !strings.Contains(tc.Failure.Body, "warning: m") {
				t.Errorf("failure body %q misses the warning", tc.Failure.Body)
			}
		})
	}
}

func TestCheckstyleFileLevelFinding(t *testing.T) {
	got := checkstyleErrorOf(lint.Diagnostic{Severity: lint.Info, Rule: "document-size", Message: "big"})
	want := checkstyleError{Line: 1, Severity: "info", Message: "big", Source: "vobizctl.document-size"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
