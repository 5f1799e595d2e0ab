package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/lint"
	"github.com/vobizctl/vobizctl/lint/format"
	"github.com/vobizctl/vobizctl/schema"
)

// dialectAuto asks the linter to pick the dialect from each document.
const dialectAuto = "auto"

// lintDialectValues are the accepted --dialect values: every known dialect, then auto.
func lintDialectValues() []string {
	return append(schema.Dialects(), dialectAuto)
}

// checkLintFlags validates the flag values and their combinations; every failure is a usage
// error (exit 2) naming the valid set.
func checkLintFlags(c *cobra.Command, opts *lintOptions) error {
	if opts.Format != "" && !slices.Contains(format.Names(), opts.Format) {
		return FlagErrorf("invalid --format %q: want one of %s", opts.Format, strings.Join(format.Names(), ", "))
	}
	if opts.ListRules && opts.Format != "" && opts.Format != "text" && opts.Format != "json" {
		return FlagErrorf("invalid --format %q with --list-rules: want text or json", opts.Format)
	}
	if opts.ListRules && (opts.Fix || opts.Diff) {
		return FlagErrorf("--list-rules cannot be combined with --fix or --diff")
	}
	if opts.Fix && opts.Diff {
		return FlagErrorf("--fix and --diff cannot be combined: --diff shows what --fix would write")
	}
	if opts.Diff && c.Flags().Changed("format") {
		return FlagErrorf("--diff prints a unified diff; it takes no --format")
	}
	if opts.MaxWarnings < -1 {
		return FlagErrorf("invalid --max-warnings %d: want -1 (any number) or a count from 0", opts.MaxWarnings)
	}
	if !slices.Contains(lintDialectValues(), strings.ToLower(opts.Dialect)) {
		return FlagErrorf("invalid --dialect %q: want one of %s", opts.Dialect, strings.Join(lintDialectValues(), ", "))
	}
	opts.Dialect = strings.ToLower(opts.Dialect)
	return checkTranslateFlags(opts)
}

// checkTranslateFlags checks --translate-to and what it combines with, then the rule IDs.
func checkTranslateFlags(opts *lintOptions) error {
	if opts.TranslateTo != "" {
		if !slices.Contains(schema.Dialects(), strings.ToLower(opts.TranslateTo)) {
			return FlagErrorf("invalid --translate-to %q: want one of %s", opts.TranslateTo, strings.Join(schema.Dialects(), ", "))
		}
		opts.TranslateTo = strings.ToLower(opts.TranslateTo)
		if opts.TranslateTo == opts.Dialect {
			return FlagErrorf("--translate-to %s is the --dialect the documents are read as: translate to another dialect", opts.TranslateTo)
		}
		if opts.Fix || opts.ListRules {
			return FlagErrorf("--translate-to cannot be combined with --fix or --list-rules: it writes in place itself")
		}
	}
	return checkRuleIDs(opts.Disable)
}

// checkRuleIDs rejects unknown rule IDs in --disable with the closest known ID, or the list.
func checkRuleIDs(ids []string) error {
	known := ruleIDs()
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" || slices.Contains(known, id) {
			continue
		}
		err := FlagErrorf("unknown rule %q in --disable: want one of %s", id, strings.Join(known, ", "))
		if near := closest(id, known); near != "" {
			return WithHint(err, fmt.Sprintf("did you mean `%s`?", near))
		}
		return WithHint(err, "run `vobizctl lint --list-rules` to see every rule with its description")
	}
	return nil
}

// ruleIDs lists every rule ID of every dialect, in documentation order.
func ruleIDs() []string {
	rules := lint.Rules()
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return ids
}

// closest returns the candidate nearest to s by edit distance, if it is near enough to be a
// plausible typo (at most a third of the word, and at most 3 edits), else "".
func closest(s string, candidates []string) string {
	best, bestDist := "", min(3, max(1, len(s)/3))+1
	for _, c := range candidates {
		if d := lint.EditDistance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
