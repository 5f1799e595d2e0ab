// Package lint validates voice-application XML documents (Vobiz XML first, other dialects as data)
// and reports findings as position-carrying diagnostics.
package lint

import (
	"fmt"
	"strings"
)

// Severity ranks a finding. The zero value is Error so that a forgotten severity never hides a
// problem.
type Severity int

// The severities, most serious first.
const (
	Error Severity = iota
	Warning
	Info
)

var severityNames = [...]string{"error", "warning", "info"}

// String returns the lowercase name used in every output format.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText writes the severity as its name, so JSON output reads "error", not 0.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity returns the severity named by name ("error", "warning" or "info").
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(name, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", name)
}

// Position is a place in a source document. Line and Col are 1-based; Col counts characters
// (runes), not bytes, so that editors and terminals agree on it. Offset is the 0-based byte offset.
type Position struct {
	Line   int `json:"line"`
	Col    int `json:"column"`
	Offset int `json:"offset"`
}

// Diagnostic is one finding in one document. Start is the first character of the offending span
// and End the position just after it (exclusive, as in LSP and SARIF).
type Diagnostic struct {
	File     string   `json:"file"`
	Start    Position `json:"start"`
	End      Position `json:"end"`
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
	// Fix is set when --fix can repair the finding mechanically.
	Fix *SuggestedFix `json:"fix,omitempty"`
}

// String formats the diagnostic gcc-style: file:line:col: severity: message [rule].
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.File, d.Start.Line, d.Start.Col, d.Severity, d.Message, d.Rule)
}

// Result is the outcome of linting one document. Err is set when the document could not be read;
// findings in a readable document are never errors.
type Result struct {
	File    string `json:"file"`
	Dialect string `json:"dialect,omitempty"`
	// DialectReason says why the document was linted as Dialect: named by the options, by a
	// vobizctl-dialect comment, or detected from its elements (ambiguous and mixed documents
	// included; see DetectDialect).
	DialectReason string       `json:"dialectReason,omitempty"`
	Source        []byte       `json:"-"`
	Diagnostics   []Diagnostic `json:"diagnostics"`
	Err           error        `json:"-"`
}

// RuleInfo describes a rule for documentation, --list-rules and machine formats such as SARIF.
type RuleInfo struct {
	ID          string   `json:"id"`
	Dialect     string   `json:"dialect"`
	Severity    Severity `json:"severity"`
	Description string   `json:"description"`
	// Example is a short document (or fragment) that triggers the rule.
	Example string `json:"example,omitempty"`
	// Fixable reports whether --fix can repair findings of this rule.
	Fixable bool `json:"fixable,omitempty"`
}

// SuggestedFix is a mechanical repair of a finding: edits to apply together. Positions refer to
// the linted document; End is exclusive, as for Diagnostic.End.
type SuggestedFix struct {
	Description string `json:"description"`
	Edits       []Edit `json:"edits"`
}

// Edit replaces the text from Start up to (not including) End with NewText.
type Edit struct {
	Start   Position `json:"start"`
	End     Position `json:"end"`
	NewText string   `json:"newText"`
}
