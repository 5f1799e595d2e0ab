//go:build !linux

package lint

// releasePages does nothing where the syscall package has no madvise: the mapping stays
// resident until it is unmapped.
func releasePages([]byte) {}

// preferSmallPages does nothing where the syscall package has no madvise.
func preferSmallPages([]byte) {}
