//go:build unix

package tunnel

import (
	"os/exec"
	"syscall"
)

// terminateSignal asks a child to shut down cleanly.
var terminateSignal = syscall.SIGTERM

// configureChild puts the child in its own process group, so that a Ctrl-C at the terminal reaches
// vobizctl only: vobizctl restores the Application first and then stops the tunnel itself.
func configureChild(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	setParentDeathSignal(cmd.SysProcAttr)
}
