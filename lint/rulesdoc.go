package lint

import (
	"fmt"
	"strings"
)

// RulesMarkdown renders the rule reference (docs/rules.md): one section per rule with its ID,
// dialect, severity, description and an example that triggers it.
func RulesMarkdown() string {
	var b strings.Builder
	b.WriteString("# Lint rules\n\n")
	b.WriteString("Generated from `lint.Rules()` by `go test ./lint -update`; a test keeps this file and the code in step.\n")
	b.WriteString("List them with `vobizctl lint --list-rules`, turn one off with `--disable RULE` or an inline\n")
	b.WriteString("`<!-- vobizctl-disable-next-line RULE -->` / `<!-- vobizctl-disable RULE -->` comment.\n")
	b.WriteString("Rules whose fact the reference marks as inferred never report more than a warning.\n\n")
	b.WriteString("| Rule | Dialect | Severity | Fixable |\n|---|---|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s | %s |\n", r.ID, r.ID, r.Dialect, r.Severity, yesNo(r.Fixable))
	}
	for _, r := range Rules() {
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		fmt.Fprintf(&b, "- Dialect: %s\n- Severity: %s\n- Fixable: %s\n\n", r.Dialect, r.Severity, yesNo(r.Fixable))
		fmt.Fprintf(&b, "%s\n\n", r.Description)
		fmt.Fprintf(&b, "Example:\n\n```xml\n%s\n```\n", r.Example)
	}
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
