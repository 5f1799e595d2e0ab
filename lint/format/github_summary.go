package format

import (
	"fmt"
	"io"
	"strings"

	"github.com/vobizctl/vobizctl/lint"
)

// githubSummaryLimit keeps the summary under GitHub's limit of 1 MiB per step summary (a
// larger one is not shown at all), with room left for the closing note.
const githubSummaryLimit = 1000 * 1000

// WriteGitHubSummary writes every finding, and every unreadable file, as a Markdown table for
// $GITHUB_STEP_SUMMARY; annotations alone show only 10 of each type per step. Files are named as
// given. Should the table outgrow GitHub's 1 MiB limit, the rows that fit are written followed by
// a note saying how many were left out.
func WriteGitHubSummary(w io.Writer, results []lint.Result) error {
	return writeGitHubSummary(w, results, githubSummaryLimit)
}

func writeGitHubSummary(w io.Writer, results []lint.Result, limit int) error {
	s := summarize(results)
	var b strings.Builder
	b.WriteString("### vobizctl lint\n\n")
	details := plural(s.Files, "file") + " checked"
	if s.Unreadable > 0 {
		details += fmt.Sprintf(", %d unreadable", s.Unreadable)
	}
	if s.findings() == 0 && s.Unreadable == 0 {
		fmt.Fprintf(&b, "No problems found (%s).\n", details)
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s in %s (%s).\n\n", s.counts(), plural(s.FilesWithFindings, "file"), details)
	b.WriteString("| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n")
	rows := githubSummaryRows(results)
	for i, row := range rows {
		if b.Len()+len(row) > limit {
			fmt.Fprintf(&b, "\n%s not shown: GitHub limits a step summary to 1 MiB. "+
				"Use `--format json` or `--format sarif` for the complete list.\n", plural(len(rows)-i, "more row"))
			break
		}
		b.WriteString(row)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubSummaryRows returns one table row per unreadable file and per finding, in output order.
func githubSummaryRows(results []lint.Result) []string {
	var rows []string
	for _, r := range results {
		if r.Err != nil {
			rows = append(rows, tableRow(":x: error", markdownCode(oneLine(r.File)), "", markdownText(readErrorMessage(r.Err))))
		}
		for _, d := range sortedDiagnostics(r) {
			msg := markdownText(d.Message)
			if d.Hint != "" {
				msg += "<br>hint: " + markdownText(d.Hint)
			}
			rows = append(rows, tableRow(summarySeverity(d.Severity), markdownCode(oneLine(location(r.File, d))),
				markdownCode(oneLine(d.Rule)), msg))
		}
	}
	return rows
}

func tableRow(cells ...string) string {
	return "| " + strings.Join(cells, " | ") + " |\n"
}

func summarySeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return ":x: error"
	case lint.Warning:
		return ":warning: warning"
	}
	return ":information_source: info"
}
