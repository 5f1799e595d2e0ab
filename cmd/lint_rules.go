package cmd

import (
	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/lint"
)

// runListRules prints the rules: an aligned table on a terminal, tab-separated values on a
// pipe (ID, dialect, severity, fixable, description), or a JSON array with --format json.
// A concrete --dialect keeps the engine's rules and that dialect's own.
func runListRules(f *Factory, opts *lintOptions) error {
	rules := rulesFor(opts.Dialect)
	if opts.Format == "json" {
		return render.JSON(f.IO.Out, rules)
	}
	t := f.Renderer().NewTable("ID", "DIALECT", "SEVERITY", "FIXABLE", "DESCRIPTION")
	for _, r := range rules {
		fixable := "no"
		if r.Fixable {
			fixable = "yes"
		}
		t.AddRow(r.ID, r.Dialect, r.Severity.String(), fixable, r.Description)
	}
	return t.Render()
}

// rulesFor lists the rules that apply to dialect; auto (or "") lists every rule.
func rulesFor(dialect string) []lint.RuleInfo {
	all := lint.Rules()
	if dialect == "" || dialect == dialectAuto {
		return all
	}
	out := make([]lint.RuleInfo, 0, len(all))
	for _, r := range all {
		if r.Dialect == dialect || r.Dialect == "all" {
			out = append(out, r)
		}
	}
	return out
}
