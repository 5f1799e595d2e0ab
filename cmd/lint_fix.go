package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/vobizctl/vobizctl/lint"
)

// fixOutcome is what --fix did: the results after fixing, the repaired standard input (nil when
// "-" was not an input) and the files that could not be written.
type fixOutcome struct {
	results  []lint.Result
	stdout   []byte
	writeErr error
}

// applyFixes repairs every input with fixable findings and lints the repaired text again, so
// the report shows what is left. Files are rewritten in place; standard input is never written
// anywhere but stdout. A file that cannot be rewritten keeps its findings and makes the run
// exit 3.
func applyFixes(f *Factory, opts *lintOptions, l *lint.Linter, results []lint.Result, stdin *bytes.Buffer) fixOutcome {
	out := fixOutcome{results: make([]lint.Result, len(results))}
	copy(out.results, results)
	var failed []string
	for i, r := range results {
		if stdin != nil && r.File == lint.StdinName && r.Err == nil {
			fixed := l.Fix(stdin.Bytes())
			out.stdout = fixed.Output
			out.results[i] = l.LintBytes(r.File, fixed.Output)
			continue
		}
		if r.Err != nil || !hasFix(r) {
			continue
		}
		res, n, err := fixFile(l, r.File)
		if err != nil {
			reportWriteError(f, r.File, err)
			failed = append(failed, r.File)
			continue
		}
		if n > 0 {
			out.results[i] = res
			if !opts.Quiet {
				fmt.Fprintf(f.Renderer().Err, "fixed %s in %s\n", plural(n, "problem"), r.File)
			}
		}
	}
	if len(failed) > 0 {
		out.writeErr = &ExitError{Code: ExitCannotRun, Err: fmt.Errorf("could not write the fixes to %s", plural(len(failed), "file"))}
	}
	return out
}

// fixFile rewrites one file with its fixes and returns its new result and the number of
// changes.
func fixFile(l *lint.Linter, name string) (lint.Result, int, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return lint.Result{}, 0, err
	}
	fixed := l.Fix(src)
	if len(fixed.Changes) == 0 || bytes.Equal(fixed.Output, src) {
		return lint.Result{}, 0, nil
	}
	if err := writeFileAtomic(name, fixed.Output, 0); err != nil {
		return lint.Result{}, 0, err
	}
	return l.LintBytes(name, fixed.Output), len(fixed.Changes), nil
}

func reportWriteError(f *Factory, name string, err error) {
	r := f.Renderer()
	fmt.Fprintf(r.Err, "%s cannot fix %q: %v\n", r.ErrStyles.Error("error:"), name, err)
}

// writeFileAtomic replaces the file name points to (through symlinks) with data: it writes a
// temporary file in the same directory with the original's permission bits (newMode when there
// is no original) and renames it over the original, so a reader never sees half a file and a
// crash leaves the original intact.
func writeFileAtomic(name string, data []byte, newMode os.FileMode) (err error) {
	target, mode, err := writeTarget(name, newMode)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".vobizctl-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}

// writeTarget resolves symlinks to the file to replace and returns it with its permission bits;
// a file that does not exist yet is created with newMode.
func writeTarget(name string, newMode os.FileMode) (string, os.FileMode, error) {
	target, err := filepath.EvalSymlinks(name)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := os.Lstat(name); errors.Is(lerr, fs.ErrNotExist) {
			return name, newMode, nil
		}
	}
	if err != nil {
		return "", 0, err
	}
	info, err := os.Stat(target)
	if err != nil {
		return "", 0, err
	}
	if !info.Mode().IsRegular() {
		return "", 0, fmt.Errorf("%q is not a regular file", name)
	}
	return target, info.Mode().Perm(), nil
}

// runLintDiff prints, for every input with fixable findings, the unified diff --fix would apply,
// and writes nothing. It exits 1 when there is a change, 3 when an input could not be read.
func runLintDiff(f *Factory, l *lint.Linter, results []lint.Result, stdin *bytes.Buffer) error {
	changed, unreadable := 0, 0
	for _, r := range results {
		if r.Err != nil {
			reportReadError(f, r.File, r.Err)
			unreadable++
			continue
		}
		if !hasFix(r) {
			continue
		}
		src, err := diffSource(r.File, stdin)
		if err != nil {
			reportReadError(f, r.File, err)
			unreadable++
			continue
		}
		if d := unifiedDiff(r.File, src, l.Fix(src).Output); d != "" {
			changed++
			if err := writeDiff(f, d); err != nil {
				return err
			}
		}
	}
	switch {
	case unreadable > 0:
		return &ExitError{Code: ExitCannotRun, Err: fmt.Errorf("%d of %s could not be read", unreadable, plural(len(results), "input"))}
	case changed > 0:
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

func diffSource(name string, stdin *bytes.Buffer) ([]byte, error) {
	if stdin != nil && name == lint.StdinName {
		return stdin.Bytes(), nil
	}
	return os.ReadFile(name)
}

func reportReadError(f *Factory, name string, err error) {
	r := f.Renderer()
	fmt.Fprintf(r.Err, "%s cannot read %q: %v\n", r.ErrStyles.Error("error:"), name, err)
}

// writeDiff prints one file's diff, coloured on a terminal: the two header lines bold, hunk
// headers blue, deletions red, insertions green.
func writeDiff(f *Factory, diff string) error {
	r := f.Renderer()
	if !r.Styles.Enabled() {
		_, err := io.WriteString(f.IO.Out, diff)
		return err
	}
	var b strings.Builder
	for i, line := range strings.SplitAfter(diff, "\n") {
		text := strings.TrimSuffix(line, "\n")
		switch {
		case text == "":
		case i < 2:
			text = r.Styles.Bold(text)
		case strings.HasPrefix(text, "@@"):
			text = r.Styles.Info(text)
		case text[0] == '-':
			text = r.Styles.Error(text)
		case text[0] == '+':
			text = r.Styles.Success(text)
		}
		b.WriteString(text)
		if strings.HasSuffix(line, "\n") {
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(r.Out, b.String())
	return err
}
