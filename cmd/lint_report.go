package cmd

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/vobizctl/vobizctl/lint"
	"github.com/vobizctl/vobizctl/lint/format"
)

// reportLint prints the results in the chosen format (to stderr when stdout carries a fixed
// document), appends the GitHub step summary when due, and returns the exit status.
func reportLint(f *Factory, opts *lintOptions, results []lint.Result, toStderr bool) error {
	counts := countFindings(results)
	shown := results
	if opts.Quiet {
		shown = errorsOnly(results)
	}
	name := opts.Format
	if name == "" {
		name = autoFormat(f, toStderr)
	}
	w, p, err := lintPrinter(f, name, toStderr)
	if err != nil {
		return err
	}
	if err := p.Print(w, shown); err != nil {
		return err
	}
	if name == "github" {
		writeStepSummary(f, shown)
	}
	return lintExit(counts, opts.MaxWarnings)
}

// autoFormat picks the format when --format is not given: GitHub annotations inside GitHub
// Actions, pretty on a terminal, text on a pipe.
func autoFormat(f *Factory, toStderr bool) string {
	tty := f.IO.IsStdoutTTY()
	if toStderr {
		tty = f.IO.IsStderrTTY()
	}
	switch {
	case getenv(f, "GITHUB_ACTIONS") == "true":
		return "github"
	case tty:
		return "pretty"
	}
	return "text"
}

// lintPrinter returns the printer for name and the stream it writes to. Styled output goes
// through the renderer's colour-aware writer; the other formats carry no styling and go to the
// raw stream.
func lintPrinter(f *Factory, name string, toStderr bool) (io.Writer, format.Printer, error) {
	r := f.Renderer()
	opts := format.Options{Rules: lint.Rules(), ToolVersion: f.Version.Version}
	w, styles := f.IO.Out, r.Styles
	if toStderr {
		w, styles = f.IO.ErrOut, r.ErrStyles
	}
	switch name {
	case "pretty":
		opts.Styler, opts.Width = styles, r.Width
		w = r.Out
		if toStderr {
			w = r.Err
		}
	case "sarif", "github":
		opts.Root = repoRoot(getenv(f, "GITHUB_WORKSPACE"))
	}
	p, err := format.New(name, opts)
	if err != nil {
		return nil, nil, FlagErrorf("%v", err)
	}
	return w, p, nil
}

// getenv reads the environment through the streams, so that tests can replace it.
func getenv(f *Factory, key string) string {
	if f.IO.Getenv == nil {
		return ""
	}
	return f.IO.Getenv(key)
}

// repoRoot is the directory SARIF and GitHub output name files relative to: workspace
// ($GITHUB_WORKSPACE) when set, else the enclosing git work tree (the nearest directory up from the
// working directory holding .git, a directory or a worktree's file), else the working directory.
func repoRoot(workspace string) string {
	if workspace != "" {
		return workspace
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return wd
		}
		dir = parent
	}
}

// writeStepSummary appends every finding to $GITHUB_STEP_SUMMARY as a Markdown table, since
// GitHub shows only 10 annotations of each type per step. A failure to write it is a warning:
// the annotations are out and the verdict must not depend on the summary.
func writeStepSummary(f *Factory, results []lint.Result) {
	path := getenv(f, "GITHUB_STEP_SUMMARY")
	if path == "" {
		return
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err == nil {
		err = format.WriteGitHubSummary(file, results)
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		r := f.Renderer()
		fmt.Fprintf(r.Err, "%s cannot write the step summary to %q: %v\n", r.ErrStyles.Warning("warning:"), path, err)
	}
}
