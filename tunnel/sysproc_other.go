//go:build !unix

package tunnel

import (
	"os"
	"os/exec"
)

// terminateSignal: without POSIX signals, Signal fails and terminate falls back to a kill.
var terminateSignal = os.Interrupt

// configureChild has nothing to set outside Unix.
func configureChild(*exec.Cmd) {}
