package format

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/lint"
)

func TestJSONEmptyDiagnosticsAreLists(t *testing.T) {
	got := string(printWith(t, jsonPrinter{}, []lint.Result{{File: "a<b>.xml"}}))
	if !strings.Contains(got, `"diagnostics": []`) || strings.Contains(got, "null") {
		t.Errorf("clean file should have an empty diagnostics list:\n%s", got)
	}
	if !strings.Contains(got, `"file": "a<b>.xml"`) {
		t.Errorf("json output escapes < and > instead of writing them:\n%s", got)
	}
}

// TestJSONRoundTrip decodes the json output and expects the input back: every result in order,
// its diagnostics sorted, read errors as text, and the counts.
func TestJSONRoundTrip(t *testing.T) {
	results := fixtureResults(t)
	var got struct {
		SchemaVersion int
		Tool          struct{ Name, Version string }
		Summary       summary
		Results       []struct {
			File, Dialect, Error string
			Diagnostics          []lint.Diagnostic
		}
	}
	if err := json.Unmarshal(printWith(t, jsonPrinter{opts: Options{ToolVersion: "1.2.3"}}, results), &got); err != nil {
		t.Fatal(err)
	}
	if got.SchemaVersion != 1 || got.Tool.Name != "vobizctl" || got.Tool.Version != "1.2.3" {
		t.Errorf("header: schemaVersion %d, tool %+v", got.SchemaVersion, got.Tool)
	}
	if diff := cmp.Diff(summarize(results), got.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if len(got.Results) != len(results) {
		t.Fatalf("%d results, want %d", len(got.Results), len(results))
	}
	for i, r := range results {
		g := got.Results[i]
		wantErr := ""
		if r.Err != nil {
			wantErr = "cannot read file: " + r.Err.Error()
		}
		wantDiags := sortedDiagnostics(r)
		if wantDiags == nil {
			wantDiags = []lint.Diagnostic{}
		}
		if g.File != r.File || g.Dialect != r.Dialect || g.Error != wantErr {
			t.Errorf("result %d: file %q dialect %q error %q", i, g.File, g.Dialect, g.Error)
		}
		if diff := cmp.Diff(wantDiags, g.Diagnostics); diff != "" {
			t.Errorf("result %d diagnostics (-want +got):\n%s", i, diff)
		}
	}
}
