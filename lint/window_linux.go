package lint

import "syscall"

// releasePages drops a page-aligned part of a read-only file mapping from this process's
// memory; the next read of it faults the bytes back in from the page cache.
func releasePages(b []byte) {
	_ = syscall.Madvise(b, syscall.MADV_DONTNEED)
}

// preferSmallPages asks the kernel to map a document with 4 KB pages. A freshly written file
// sits in the page cache as large folios that a read fault maps 2 MB at a time, which would
// keep up to 2 MB more of the document resident ahead of and behind each pass.
func preferSmallPages(b []byte) {
	_ = syscall.Madvise(b, syscall.MADV_NOHUGEPAGE)
}
