package format

import (
	"encoding/json"
	"io"

	"github.com/vobizctl/vobizctl/lint"
)

// JSONSchemaVersion is the version of the JSON output's shape. It changes only when a field is
// removed or changes meaning; new fields may appear without a change.
const JSONSchemaVersion = 1

// jsonReport is the document the json format writes. Its shape is documented in doc.go and is
// part of vobizctl's stable interface.
type jsonReport struct {
	SchemaVersion int          `json:"schemaVersion"`
	Tool          jsonTool     `json:"tool"`
	Summary       summary      `json:"summary"`
	Results       []jsonResult `json:"results"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

type jsonResult struct {
	File    string `json:"file"`
	Dialect string `json:"dialect,omitempty"`
	// DialectReason says why the document was linted as Dialect (see lint.Result).
	DialectReason string            `json:"dialectReason,omitempty"`
	Error         string            `json:"error,omitempty"`
	Diagnostics   []lint.Diagnostic `json:"diagnostics"`
}

// jsonPrinter writes one JSON object with every result, in input order, and summary counts.
type jsonPrinter struct {
	opts Options
}

// Print writes results in the json format.
func (p jsonPrinter) Print(w io.Writer, results []lint.Result) error {
	report := jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Tool:          jsonTool{Name: ToolName, Version: p.opts.ToolVersion},
		Summary:       summarize(results),
		Results:       make([]jsonResult, 0, len(results)),
	}
	for _, r := range results {
		jr := jsonResult{File: r.File, Dialect: r.Dialect, DialectReason: r.DialectReason, Diagnostics: sortedDiagnostics(r)}
		if jr.Diagnostics == nil {
			jr.Diagnostics = []lint.Diagnostic{} // an empty list, never null, so consumers can iterate
		}
		if r.Err != nil {
			jr.Error = readErrorMessage(r.Err)
		}
		report.Results = append(report.Results, jr)
	}
	return writeJSON(w, report)
}

// writeJSON writes v indented, without escaping <, > and & (messages quote XML), and with a
// final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
