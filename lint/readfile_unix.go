//go:build unix

package lint

import (
	"errors"
	"io/fs"
	"syscall"
)

// readFile reads a whole file into buf (grown as needed) and returns the filled part, or maps it
// when it is large. release returns a mapping to the system once the bytes are no longer used;
// it is nil for buffer reads (and then buf's memory is reused by the caller). Linting thousands
// of small files is dominated by per-file system-call overhead, and os.ReadFile costs about 2.5
// times more than a plain open/read/close (it stats the file and registers it with the runtime
// poller); buf is reused across the files a worker reads.
//
// size is the file's size when the caller's stat saw a regular file (else -1). Once at least that
// many bytes are read, readFile stops without the extra read that would return end-of-file: a
// fifth of the system calls of a run over small files. Bytes appended after the stat may not be
// read, as if the file had been linted at that moment.
func readFile(name string, buf []byte, size int64) (src []byte, release func(), err error) {
	fd, err := open(name)
	if err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	if size >= mapThreshold {
		if m, ok := mapLarge(fd); ok {
			return m, func() { _ = syscall.Munmap(m) }, nil
		}
	}
	n := 0
	for {
		if n == len(buf) {
			if m, ok := mapLarge(fd); ok {
				return m, func() { _ = syscall.Munmap(m) }, nil
			}
			buf = grow(fd, buf)
		}
		m, err := syscall.Read(fd, buf[n:])
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return nil, nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		n += m
		if m == 0 || size >= 0 && int64(n) >= size {
			return buf[:n], nil, nil
		}
	}
}

// statPath reports whether p is a directory and, for a regular file, its size (-1 for anything
// else: a pipe, a device). It is os.Stat without the FileInfo, which would be allocated for
// every one of thousands of files.
func statPath(p string) (isDir bool, size int64, err error) {
	var st syscall.Stat_t
	for {
		err = syscall.Stat(p, &st)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		return false, 0, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		return true, 0, nil
	case syscall.S_IFREG:
		return false, st.Size, nil
	}
	return false, sizeUnknown, nil
}

// mapLarge maps a regular file of at least mapThreshold bytes read-only.
func mapLarge(fd int) ([]byte, bool) {
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size < mapThreshold || int64(int(st.Size)) != st.Size {
		return nil, false
	}
	m, err := syscall.Mmap(fd, 0, int(st.Size), syscall.PROT_READ, syscall.MAP_SHARED)
	return m, err == nil
}

// grow enlarges a full buffer: to the file's size (plus one byte to see the end) when fstat
// knows it, so that a document is held once and not in doubling copies.
func grow(fd int, buf []byte) []byte {
	var st syscall.Stat_t
	size := 2*len(buf) + 512
	if syscall.Fstat(fd, &st) == nil && int(st.Size) >= len(buf) {
		size = int(st.Size) + 1
	}
	out := make([]byte, size)
	copy(out, buf)
	return out
}

func open(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if !errors.Is(err, syscall.EINTR) {
			return fd, err
		}
	}
}
