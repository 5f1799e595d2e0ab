package cmd

import (
	"fmt"
	"io"
)

// lintProgressEvery is how many documents pass between progress updates: small runs never show a
// progress line, and large ones redraw it rarely enough to cost nothing.
const lintProgressEvery = 50

// lintProgress shows "linted N files…" on a terminal stderr while many files are linted, and
// nothing at all when stderr is a pipe or a file (CI logs stay clean).
type lintProgress struct {
	w       io.Writer
	shown   bool
	enabled bool
}

func newLintProgress(f *Factory) *lintProgress {
	return &lintProgress{w: f.IO.ErrOut, enabled: f.IO.IsStderrTTY()}
}

// update is lint.Options.Progress: called after each document, never concurrently.
func (p *lintProgress) update(done int) {
	if !p.enabled || done%lintProgressEvery != 0 {
		return
	}
	fmt.Fprintf(p.w, "\r\x1b[Klinted %d files…", done)
	p.shown = true
}

// clear erases the progress line before the findings are printed.
func (p *lintProgress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
