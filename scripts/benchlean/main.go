// Command benchlean is a reference point for scripts/bench-lint.sh, not a product: a process
// that links only the lint engine (no command framework, config, networking or tunnel code)
// and prints findings gcc-style. Comparing its single-file wall time with vobizctl's shows how
// much of `vobizctl lint one.xml` is the engine and how much is the start-up of everything
// else the vobizctl binary contains (see "Performance" in docs/lint.md).
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"

	"github.com/vobizctl/vobizctl/lint"
)

func main() {
	l, err := lint.New(lint.Options{Jobs: runtime.NumCPU()})
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchlean:", err)
		os.Exit(2)
	}
	out := bufio.NewWriter(os.Stdout)
	code := 0
	for _, r := range l.LintFiles(context.Background(), os.Args[1:]) {
		if r.Err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", r.File, r.Err)
			code = 3
			continue
		}
		for _, d := range r.Diagnostics {
			fmt.Fprintln(out, d)
			if d.Severity == lint.Error && code == 0 {
				code = 1
			}
		}
	}
	if err := out.Flush(); err != nil {
		code = 3
	}
	os.Exit(code)
}
