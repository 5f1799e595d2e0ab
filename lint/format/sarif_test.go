package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vobizctl/vobizctl/lint"
)

// sarifSchema compiles the official SARIF 2.1.0 schema from testdata, with format assertions on
// (uri, uri-reference, date-time) so that malformed URIs fail too.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(sarifSchemaURI, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchemaURI)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func printSARIF(t *testing.T, opts Options, results []lint.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (sarifPrinter{opts: opts}).Print(&buf, results); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sarifCases are the inputs every SARIF test checks: the full fixture and the edge cases.
func sarifCases(t *testing.T) []struct {
	name    string
	opts    Options
	results []lint.Result
} {
	fixture := fixtureResults(t)
	return []struct {
		name    string
		opts    Options
		results []lint.Result
	}{
		{"fixture", fixtureOptions(), fixture},
		{"no results", fixtureOptions(), nil},
		{"no rules known", Options{Root: "."}, fixture},
		{"only an unreadable file", Options{}, []lint.Result{{File: "gone.xml", Err: errors.New("no such file")}}},
		{"empty root, absolute file", Options{}, fixture[4:]},
	}
}

func TestSARIFMatchesSchema(t *testing.T) {
	sch := sarifSchema(t)
	for _, tt := range sarifCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(printSARIF(t, tt.opts, tt.results)))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("output does not match the SARIF 2.1.0 schema: %v", err)
			}
		})
	}
}

// TestSARIFSchemaRejects proves the schema check can fail: outputs broken the ways a printer bug
// would break them must not validate.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	good := string(printSARIF(t, fixtureOptions(), fixtureResults(t)))
	tests := []struct{ name, old, new string }{
		{"unknown level", `"level": "note"`, `"level": "info"`},
		{"column zero", `"startColumn": 16`, `"startColumn": 0`},
		{"wrong version", `"version": "2.1.0"`, `"version": "2.0.0"`},
		{"unknown property", `"ruleIndex": 0,`, `"ruleIndex": 0, "severity": "error",`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(good, tt.old, tt.new, 1)
			if bad == good {
				t.Fatalf("fixture output has no %s", tt.old)
			}
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
			if err != nil {
				t.Fatal(err)
			}
			if sch.Validate(inst) == nil {
				t.Error("schema accepted a broken log")
			}
		})
	}
}

// sarifDoc is the part of a SARIF log the GitHub checks below read back.
type sarifDoc struct {
	Schema string `json:"$schema"`
	Runs   []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID                                string
					ShortDescription, FullDescription struct{ Text string }
					Help                              struct{ Text, Markdown string }
				}
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex int
			Level     string
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct{ URI, URIBaseID string }
					Region           *struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
		}
		ColumnKind string
	}
}

// TestSARIFGitHubRequirements checks what GitHub code scanning needs beyond the schema (the
// rules Microsoft's SARIF validator applies for GitHub: GH1003, GH1005, GH2012, and the final
// $schema): rule texts, a region with startLine, file URIs, and ruleIndex pointing at ruleId.
func TestSARIFGitHubRequirements(t *testing.T) {
	for _, tt := range sarifCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			var doc sarifDoc
			if err := json.Unmarshal(printSARIF(t, tt.opts, tt.results), &doc); err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(doc.Schema, "sarif-schema-2.1.0.json") || len(doc.Runs) != 1 {
				t.Fatalf("$schema %q, %d runs; want the final 2.1.0 schema and one run", doc.Schema, len(doc.Runs))
			}
			run := doc.Runs[0]
			if run.Tool.Driver.Name != "vobizctl" || run.ColumnKind != "unicodeCodePoints" {
				t.Errorf("driver %q, columnKind %q", run.Tool.Driver.Name, run.ColumnKind)
			}
			for _, r := range run.Tool.Driver.Rules {
				if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
					t.Errorf("rule %q lacks shortDescription, fullDescription or help text", r.ID)
				}
			}
			for i, res := range run.Results {
				if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
					t.Errorf("result %d: ruleIndex %d does not point at rule %q", i, res.RuleIndex, res.RuleID)
				}
				loc := res.Locations[0].PhysicalLocation
				hasStartLine := loc.Region != nil && loc.Region.StartLine >= 1
				checkGitHubLocation(t, i, loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID, hasStartLine)
			}
		})
	}
}

func checkGitHubLocation(t *testing.T, i int, uri, baseID string, hasStartLine bool) {
	t.Helper()
	u, err := url.Parse(uri)
	switch {
	case err != nil:
		t.Errorf("result %d: uri %q: %v", i, uri, err)
	case u.IsAbs() && (u.Scheme != "file" || baseID != ""):
		t.Errorf("result %d: absolute uri %q must be file:// without uriBaseId (has %q)", i, uri, baseID)
	case !u.IsAbs() && (baseID != "%SRCROOT%" || strings.HasPrefix(u.Path, "..") || strings.HasPrefix(u.Path, "/")):
		t.Errorf("result %d: relative uri %q must be below %%SRCROOT%% (uriBaseId %q)", i, uri, baseID)
	}
	if !hasStartLine {
		t.Errorf("result %d: no region.startLine; GitHub code scanning would not show it", i)
	}
}

func TestSARIFRegion(t *testing.T) {
	p := func(line, col int) lint.Position { return lint.Position{Line: line, Col: col} }
	tests := []struct {
		name       string
		start, end lint.Position
		want       *sarifRegion
	}{
		{"one line", p(3, 5), p(3, 9), &sarifRegion{StartLine: 3, StartColumn: 5, EndLine: 3, EndColumn: 9}},
		{"several lines", p(3, 5), p(6, 2), &sarifRegion{StartLine: 3, StartColumn: 5, EndLine: 6, EndColumn: 2}},
		{"empty span is one character", p(3, 5), p(3, 5), &sarifRegion{StartLine: 3, StartColumn: 5, EndLine: 3, EndColumn: 6}},
		{"end unset", p(3, 5), lint.Position{}, &sarifRegion{StartLine: 3, StartColumn: 5, EndLine: 3, EndColumn: 6}},
		{"end before start", p(3, 5), p(2, 9), &sarifRegion{StartLine: 3, StartColumn: 5, EndLine: 3, EndColumn: 6}},
		{"whole line", p(4, 0), p(4, 0), &sarifRegion{StartLine: 4, EndLine: 4}},
		{"whole file", lint.Position{}, lint.Position{}, &sarifRegion{StartLine: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sarifRegionOf(lint.Diagnostic{Start: tt.start, End: tt.end})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("region (-want +got):\n%s", diff)
			}
		})
	}
}
