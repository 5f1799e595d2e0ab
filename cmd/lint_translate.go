package cmd

import (
	"bytes"
	"fmt"

	"github.com/vobizctl/vobizctl/lint"
)

// translateOutcome counts what --translate-to did, for the exit code.
type translateOutcome struct {
	inputs, unreadable, unwritten, problems, changed int
}

// runLintTranslate translates every input to opts.TranslateTo with lint.Translate (source
// dialect: --dialect, auto by default). Files are rewritten in place like --fix (atomic, mode
// kept), standard input goes to stdout, and --diff prints the changes instead. What could not
// be translated is reported through the normal printer (on stderr when stdout carries a document
// or a diff). Exit 1 when anything could not be translated, 3 when an input could not be read or
// written, else 0. The linter only expands and reads the inputs here.
func runLintTranslate(f *Factory, opts *lintOptions, results []lint.Result, stdin *bytes.Buffer) error {
	out := translateOutcome{inputs: len(results)}
	reports := make([]lint.Result, 0, len(results))
	toStderr := opts.Diff || stdin != nil
	for _, r := range results {
		if r.Err != nil {
			out.unreadable++
			reports = append(reports, r)
			continue
		}
		rep, err := translateInput(f, opts, r.File, stdin, &out)
		if err != nil {
			return err
		}
		reports = append(reports, rep)
	}
	w, p, err := lintPrinter(f, reportFormat(f, opts, toStderr), toStderr)
	if err != nil {
		return err
	}
	if err := p.Print(w, reports); err != nil {
		return err
	}
	return translateExit(out)
}

// reportFormat is --format, or the one chosen from the environment.
func reportFormat(f *Factory, opts *lintOptions, toStderr bool) string {
	if opts.Format != "" {
		return opts.Format
	}
	return autoFormat(f, toStderr)
}

// translateInput translates one input and writes, prints or diffs the result. It returns the
// input's report: its problems, or the read or write error. Only a failing output stream is an
// error.
func translateInput(f *Factory, opts *lintOptions, name string, stdin *bytes.Buffer, out *translateOutcome) (lint.Result, error) {
	src, err := diffSource(name, stdin)
	if err != nil {
		out.unreadable++
		return lint.Result{File: name, Err: err}, nil
	}
	if alreadyIn(src, opts) {
		// A tree being migrated holds documents already in the target dialect: leave them.
		return lint.Result{File: name}, emitUnchanged(f, opts, name, src, stdin)
	}
	tr, err := lint.Translate(src, opts.Dialect, opts.TranslateTo)
	if err != nil {
		// Not well-formed XML: nothing can be translated; the message says where.
		out.problems++
		return lint.Result{File: name, Source: src, Diagnostics: []lint.Diagnostic{{File: name, Severity: lint.Error,
			Rule: lint.RuleTranslate, Message: "cannot translate: " + err.Error(),
			Start: lint.Position{Line: 1, Col: 1}, End: lint.Position{Line: 1, Col: 1}}}}, nil
	}
	rep := lint.Result{File: name, Dialect: tr.From, Source: src, Diagnostics: make([]lint.Diagnostic, len(tr.Problems))}
	for i, d := range tr.Problems {
		d.File = name
		rep.Diagnostics[i] = d
	}
	out.problems += len(tr.Problems)
	return rep, emitTranslation(f, opts, name, src, tr, stdin != nil && name == lint.StdinName, out)
}

// alreadyIn reports whether the document is detected (--dialect auto) as the target dialect.
func alreadyIn(src []byte, opts *lintOptions) bool {
	if opts.Dialect != dialectAuto {
		return false // checkTranslateFlags refuses a --dialect equal to --translate-to
	}
	name, _ := lint.DetectDialect(src)
	return name == opts.TranslateTo
}

// emitUnchanged passes standard input through unchanged, so that a pipe always carries the
// document; files and diffs need nothing.
func emitUnchanged(f *Factory, opts *lintOptions, name string, src []byte, stdin *bytes.Buffer) error {
	if opts.Diff || stdin == nil || name != lint.StdinName {
		return nil
	}
	_, err := f.IO.Out.Write(src)
	return err
}

// emitTranslation prints the diff, the translated standard input, or rewrites the file.
func emitTranslation(f *Factory, opts *lintOptions, name string, src []byte, tr lint.TranslateResult, isStdin bool, out *translateOutcome) error {
	changed := !bytes.Equal(src, tr.Output)
	if changed {
		out.changed++
	}
	switch {
	case opts.Diff:
		if d := unifiedDiff(name, src, tr.Output); d != "" {
			return writeDiff(f, d)
		}
	case isStdin:
		_, err := f.IO.Out.Write(tr.Output)
		return err
	case changed:
		if err := writeFileAtomic(name, tr.Output, 0); err != nil {
			reportWriteError(f, name, err)
			out.unwritten++
			return nil
		}
		if !opts.Quiet {
			fmt.Fprintf(f.Renderer().Err, "translated %s in %s from %s to %s\n",
				plural(len(tr.Changes), "element"), name, tr.From, tr.To)
		}
	}
	return nil
}

// translateExit maps the outcome to the exit code: an input not read or not written makes the
// run incomplete (3); anything left untranslated is a finding (1).
func translateExit(o translateOutcome) error {
	switch {
	case o.unreadable > 0:
		return &ExitError{Code: ExitCannotRun, Err: fmt.Errorf("%d of %s could not be read", o.unreadable, plural(o.inputs, "input"))}
	case o.unwritten > 0:
		return &ExitError{Code: ExitCannotRun, Err: fmt.Errorf("could not write the translation to %s", plural(o.unwritten, "file"))}
	case o.problems > 0:
		return &ExitError{Code: ExitFindings, Err: fmt.Errorf("%s could not be translated", plural(o.problems, "part"))}
	}
	return nil
}
