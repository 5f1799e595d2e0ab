package cmd

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/vobizctl/vobizctl/lint"
)

// runLint lints the inputs and reports, fixes or diffs them.
func runLint(ctx context.Context, f *Factory, opts *lintOptions, args []string) error {
	if opts.ListRules {
		return runListRules(f, opts)
	}
	var stdin *bytes.Buffer
	in := f.IO.In
	if (opts.Fix || opts.Diff || opts.TranslateTo != "") && slices.Contains(args, "-") {
		// The fix needs the document again after linting: keep a copy of what was read.
		stdin = &bytes.Buffer{}
		in = io.TeeReader(in, stdin)
	}
	progress := newLintProgress(f)
	l, err := newLinter(opts, in, progress.update)
	if err != nil {
		return err
	}
	results := l.LintFiles(ctx, args)
	progress.clear()
	if err := ctx.Err(); err != nil {
		return err
	}
	if opts.Verbose {
		printDialects(f, results)
	}
	if opts.TranslateTo != "" {
		return runLintTranslate(f, opts, results, stdin)
	}
	if opts.Diff {
		return runLintDiff(f, l, results, stdin)
	}
	if !opts.Fix {
		return reportLint(f, opts, results, false)
	}
	fixed := applyFixes(f, opts, l, results, stdin)
	if fixed.stdout != nil {
		if _, err := f.IO.Out.Write(fixed.stdout); err != nil {
			return err
		}
	}
	err = reportLint(f, opts, fixed.results, fixed.stdout != nil)
	if fixed.writeErr != nil && ExitCode(err) != ExitCannotRun {
		return fixed.writeErr // a fix that could not be written leaves the run incomplete (3)
	}
	return err
}

// newLinter builds the linter for the flags; the engine itself resolves "auto" per document.
func newLinter(opts *lintOptions, stdin io.Reader, progress func(int)) (*lint.Linter, error) {
	lo := lint.Options{Dialect: opts.Dialect, Template: opts.Template, Disable: opts.Disable, Stdin: stdin, Progress: progress}
	l, err := lint.New(lo)
	if err != nil {
		// The flags were checked already, so this is a dialect or rule the engine refuses.
		return nil, &FlagError{Err: err}
	}
	return l, nil
}

// printDialects writes one line per readable document to stderr: the dialect it was linted as
// and why (requested, a vobizctl-dialect comment, or detected from its elements).
func printDialects(f *Factory, results []lint.Result) {
	w := f.Renderer().Err
	for _, r := range results {
		if r.Err != nil || r.Dialect == "" {
			continue
		}
		fmt.Fprintf(w, "%s: linted as %s (%s)\n", r.File, r.Dialect, r.DialectReason)
	}
}

// findingCounts are the numbers the exit code depends on, counted before --quiet hides
// anything.
type findingCounts struct {
	inputs, unreadable, errors, warnings int
}

func countFindings(results []lint.Result) findingCounts {
	c := findingCounts{inputs: len(results)}
	for _, r := range results {
		if r.Err != nil {
			c.unreadable++
		}
		for _, d := range r.Diagnostics {
			switch d.Severity {
			case lint.Error:
				c.errors++
			case lint.Warning:
				c.warnings++
			}
		}
	}
	return c
}

// lintExit maps the counts to the exit code: an unreadable input makes the check incomplete
// (3) whatever else was found; then errors, or more warnings than allowed, are findings (1).
// The findings are already printed; only the unreadable and max-warnings cases add a line to
// stderr, so that the reason is visible when stdout goes to a file.
func lintExit(c findingCounts, maxWarnings int) error {
	switch {
	case c.unreadable > 0:
		return &ExitError{Code: ExitCannotRun, Err: fmt.Errorf("%d of %s could not be read", c.unreadable, plural(c.inputs, "input"))}
	case c.errors > 0:
		return &ExitError{Code: ExitFindings}
	case maxWarnings >= 0 && c.warnings > maxWarnings:
		return &ExitError{Code: ExitFindings, Err: fmt.Errorf("%s, more than --max-warnings %d allows",
			plural(c.warnings, "warning"), maxWarnings)}
	}
	return nil
}

// errorsOnly returns the results with only their error findings, for --quiet.
func errorsOnly(results []lint.Result) []lint.Result {
	out := make([]lint.Result, len(results))
	for i, r := range results {
		out[i] = r
		out[i].Diagnostics = nil
		for _, d := range r.Diagnostics {
			if d.Severity == lint.Error {
				out[i].Diagnostics = append(out[i].Diagnostics, d)
			}
		}
	}
	return out
}

// hasFix reports whether any finding of r can be repaired by --fix.
func hasFix(r lint.Result) bool {
	for _, d := range r.Diagnostics {
		if d.Fix != nil {
			return true
		}
	}
	return false
}
