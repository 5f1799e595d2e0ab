//go:build unix && !linux

package tunnel

import "syscall"

// setParentDeathSignal is Linux-only; elsewhere an orphaned cloudflared exits when its tunnel
// target (the dead proxy) stops answering, or by hand.
func setParentDeathSignal(*syscall.SysProcAttr) {}
