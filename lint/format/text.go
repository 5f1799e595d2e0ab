package format

import (
	"bufio"
	"fmt"
	"io"

	"github.com/vobizctl/vobizctl/lint"
)

// textPrinter writes one gcc-style line per finding, for pipes, editors' problem matchers and
// grep:
//
//	flows/ivr.xml:3:15: error: unknown attribute "timeout" on <Gather> [unknown-attribute]
//	    hint: use executionTimeout
//
// A file that could not be read gets one line, "file: error: cannot read file: reason". Clean
// files print nothing.
type textPrinter struct{}

// Print writes results in the text format.
func (textPrinter) Print(w io.Writer, results []lint.Result) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		writeTextResult(bw, r)
	}
	return bw.Flush()
}

// writeTextResult writes one document's findings; junit reuses it for its failure bodies.
func writeTextResult(w io.Writer, r lint.Result) {
	file := oneLine(r.File)
	if r.Err != nil {
		fmt.Fprintf(w, "%s: error: %s\n", file, oneLine(readErrorMessage(r.Err)))
	}
	for _, d := range sortedDiagnostics(r) {
		fmt.Fprintf(w, "%s: %s: %s [%s]\n", location(file, d), d.Severity, oneLine(d.Message), oneLine(d.Rule))
		if d.Hint != "" {
			fmt.Fprintf(w, "    hint: %s\n", oneLine(d.Hint))
		}
	}
}

// readErrorMessage phrases a Result.Err the same way in every format.
func readErrorMessage(err error) string {
	return "cannot read file: " + err.Error()
}
