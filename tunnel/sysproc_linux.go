//go:build linux

package tunnel

import "syscall"

// setParentDeathSignal makes the kernel stop the child when vobizctl dies, even by SIGKILL, so no
// orphan tunnel keeps running.
func setParentDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGTERM }
