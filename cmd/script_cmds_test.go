package cmd

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCommands are extra testscript commands shared by every script.
func scriptCommands() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"filemode":  cmdFileMode,
		"exits":     cmdExits,
		"fakevobiz": fakeVobizCmd(),
		"tunnelkit": tunnelKitCmd(),
		"webhook":   webhookCmd(),
	}
}

// filemode PERM FILE checks a file's permission bits, e.g. `filemode 0600 home/.config/vobizctl/config.yaml`.
func cmdFileMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: filemode PERM FILE")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	info, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	got := info.Mode().Perm()
	if (uint64(got) == want) == neg {
		ts.Fatalf("%s has mode %s, want %s%s", args[1], fmt.Sprintf("%#o", got), map[bool]string{true: "not ", false: ""}[neg], args[0])
	}
}

// exits CODE PROG ARGS... runs PROG like exec and checks its exit code; stdout and stderr are kept
// for the following stdout/stderr assertions.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("exec %s: %v", args[1], err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}
