package format

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vobizctl/vobizctl/lint"
)

// githubPrinter writes GitHub Actions workflow commands, which the runner turns into annotations
// on the pull request diff:
//
//	::error file=flows/ivr.xml,line=3,col=9,endColumn=16,title=unknown-attribute::message%0Ahint: …
//
// File names are relative to Options.Root, which should be the repository root. GitHub shows at
// most 10 annotations of each type per step, so the lint command also writes every finding to
// the step summary with WriteGitHubSummary.
type githubPrinter struct {
	opts Options
}

// Print writes results in the github format.
func (p githubPrinter) Print(w io.Writer, results []lint.Result) error {
	bw := bufio.NewWriter(w)
	for _, r := range results {
		file, _ := repoPath(p.opts.Root, r.File)
		if r.Err != nil {
			writeGitHubCommand(bw, "error", [][2]string{{"file", file}, {"title", "unreadable file"}}, readErrorMessage(r.Err))
		}
		for _, d := range sortedDiagnostics(r) {
			writeGitHubCommand(bw, githubCommand(d.Severity), githubProperties(file, d), githubMessage(d))
		}
	}
	return bw.Flush()
}

func githubCommand(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "notice"
}

// githubProperties places the annotation. Columns are only given for a span on one line: the
// annotation API rejects columns when the start and end lines differ. endColumn is exclusive,
// as in lint.Position and SARIF.
func githubProperties(file string, d lint.Diagnostic) [][2]string {
	props := [][2]string{{"file", file}}
	s := spanOf(d)
	if s.hasPosition() {
		props = append(props, [2]string{"line", strconv.Itoa(s.Start.Line)})
		if s.singleLine() && d.Start.Col >= 1 {
			props = append(props, [2]string{"col", strconv.Itoa(s.Start.Col)})
		}
		if !s.singleLine() {
			props = append(props, [2]string{"endLine", strconv.Itoa(s.End.Line)})
		} else if d.Start.Col >= 1 && s.End.Col > s.Start.Col {
			props = append(props, [2]string{"endColumn", strconv.Itoa(s.End.Col)})
		}
	}
	return append(props, [2]string{"title", d.Rule})
}

func githubMessage(d lint.Diagnostic) string {
	if d.Hint == "" {
		return d.Message
	}
	return d.Message + "\nhint: " + d.Hint
}

func writeGitHubCommand(w io.Writer, command string, props [][2]string, message string) {
	parts := make([]string, 0, len(props))
	for _, p := range props {
		if p[1] != "" {
			parts = append(parts, p[0]+"="+escapeGitHubProperty(p[1]))
		}
	}
	fmt.Fprintf(w, "::%s %s::%s\n", command, strings.Join(parts, ","), escapeGitHubData(message))
}

// escapeGitHubData escapes a workflow command's message the way @actions/core does: "%" first,
// then line breaks, which would otherwise end the command.
func escapeGitHubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeGitHubProperty escapes a property value: as data, plus ":" and ",", which separate the
// properties from each other and from the message.
func escapeGitHubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
