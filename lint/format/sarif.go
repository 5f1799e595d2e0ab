package format

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/vobizctl/vobizctl/lint"
)

// sarifPrinter writes a SARIF 2.1.0 log that GitHub code scanning accepts: one run whose driver
// lists every rule with its help text, one result per finding with a repository-relative
// location, and unreadable files as tool execution notifications (they are failures of the run,
// not findings in a document).
type sarifPrinter struct {
	opts Options
}

// Print writes results in the sarif format.
func (p sarifPrinter) Print(w io.Writer, results []lint.Result) error {
	rules, index := sarifRules(p.opts.Rules, results)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           ToolName,
			Version:        p.opts.ToolVersion,
			InformationURI: ToolInformationURI,
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: true}},
		Results:     []sarifResult{},
		ColumnKind:  "unicodeCodePoints", // lint.Position.Col counts runes
	}
	for _, r := range results {
		loc := p.artifact(r.File)
		if r.Err != nil {
			run.Invocations[0].ExecutionSuccessful = false
			run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications,
				sarifNotification{Level: "error", Message: sarifText{readErrorMessage(r.Err)}, Locations: []sarifLocation{{loc}}})
		}
		for _, d := range sortedDiagnostics(r) {
			run.Results = append(run.Results, sarifResultOf(d, index[d.Rule], loc))
		}
	}
	return writeJSON(w, sarifLog{Schema: sarifSchemaURI, Version: "2.1.0", Runs: []sarifRun{run}})
}

func (p sarifPrinter) artifact(file string) sarifPhysicalLocation {
	uri, inRoot := artifactURI(p.opts.Root, file)
	loc := sarifArtifactLocation{URI: uri}
	if inRoot {
		loc.URIBaseID = srcRootBaseID
	}
	return sarifPhysicalLocation{ArtifactLocation: loc}
}

func sarifResultOf(d lint.Diagnostic, ruleIndex int, file sarifPhysicalLocation) sarifResult {
	msg := d.Message
	if d.Hint != "" {
		msg += "\nHint: " + d.Hint
	}
	file.Region = sarifRegionOf(d)
	return sarifResult{
		RuleID:    d.Rule,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(d.Severity),
		Message:   sarifText{msg},
		Locations: []sarifLocation{{file}},
	}
}

// sarifRegionOf converts a diagnostic's span; SARIF's endColumn is exclusive like lint.Position's
// End. An empty span becomes one character wide so that viewers highlight something. A finding
// about the whole file is placed on line 1: GitHub code scanning shows a result only when its
// region has a startLine.
func sarifRegionOf(d lint.Diagnostic) *sarifRegion {
	if d.Start.Line < 1 {
		return &sarifRegion{StartLine: 1}
	}
	s := spanOf(d)
	region := &sarifRegion{StartLine: s.Start.Line, EndLine: s.End.Line}
	if d.Start.Col < 1 {
		return region // whole lines
	}
	region.StartColumn, region.EndColumn = s.Start.Col, s.End.Col
	if s.singleLine() && s.End.Col <= s.Start.Col {
		region.EndColumn = s.Start.Col + 1
	}
	return region
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

// sarifRules lists the known rules sorted by ID, then any rule a diagnostic names that the list
// lacks (so that every result has a valid ruleIndex), and returns each ID's index.
func sarifRules(known []lint.RuleInfo, results []lint.Result) ([]sarifRule, map[string]int) {
	infos := slices.Clone(known)
	slices.SortStableFunc(infos, func(a, b lint.RuleInfo) int { return cmp.Compare(a.ID, b.ID) })
	rules, index := []sarifRule{}, map[string]int{}
	for _, info := range infos {
		if _, dup := index[info.ID]; !dup {
			index[info.ID] = len(rules)
			rules = append(rules, sarifRuleOf(info))
		}
	}
	var unknown []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if _, ok := index[d.Rule]; !ok {
				index[d.Rule] = -1
				unknown = append(unknown, d.Rule)
			}
		}
	}
	slices.Sort(unknown)
	for _, id := range unknown {
		index[id] = len(rules)
		info := lint.RuleInfo{ID: id, Severity: lint.Warning, Description: "vobizctl rule " + id + "."}
		rules = append(rules, sarifRuleOf(info))
	}
	return rules, index
}

func sarifRuleOf(info lint.RuleInfo) sarifRule {
	rule := sarifRule{
		ID:                   info.ID,
		ShortDescription:     sarifText{info.Description},
		FullDescription:      &sarifText{info.Description + fixNote(info, "vobizctl lint --fix")},
		Help:                 &sarifMultiText{Text: ruleHelpText(info), Markdown: ruleHelpMarkdown(info)},
		DefaultConfiguration: &sarifConfiguration{Level: sarifLevel(info.Severity)},
	}
	if info.Dialect != "" {
		rule.Properties = &sarifRuleProps{Tags: []string{info.Dialect}}
	}
	return rule
}

// fixNote tells a fixable rule's reader which command repairs it.
func fixNote(info lint.RuleInfo, command string) string {
	if !info.Fixable {
		return ""
	}
	return " " + command + " repairs it."
}

func ruleHelpText(info lint.RuleInfo) string {
	text := info.Description + fixNote(info, "vobizctl lint --fix")
	if info.Example != "" {
		text += "\n\nExample:\n\n" + info.Example
	}
	return text + "\n\nRule reference: " + ruleReference(info.ID)
}

// ruleHelpMarkdown is the help GitHub renders: the description escaped so that element names
// such as <Say> are not taken for HTML, the example in a fenced block.
func ruleHelpMarkdown(info lint.RuleInfo) string {
	text := markdownText(info.Description) + fixNote(info, "`vobizctl lint --fix`")
	if info.Example != "" {
		fence := codeFence(info.Example)
		text += fmt.Sprintf("\n\nExample:\n\n%sxml\n%s\n%s", fence, strings.TrimRight(info.Example, "\n"), fence)
	}
	return text + "\n\nRule reference: `" + ruleReference(info.ID) + "`"
}

// ruleReference names where the rule is documented; docs/rules.md lists every rule and
// `vobizctl lint --list-rules` prints the same text.
func ruleReference(id string) string {
	return "docs/rules.md#" + id
}

// codeFence returns a backtick fence longer than any backtick run in s, so an example cannot
// close its own code block.
func codeFence(s string) string {
	return strings.Repeat("`", max(3, longestRun(s, '`')+1))
}
