//go:build unix

package lint

import (
	"errors"
	"io/fs"
	"syscall"
)

// readFile reads a whole file into buf (grown as needed) and returns the filled part. Linting
// thousands of small files is dominated by per-file system-call overhead, and os.ReadFile costs
// about 2.5 times more than a plain open/read/close (it stats the file and registers it with the
// runtime poller); buf is reused across the files a worker reads.
func readFile(name string, buf []byte) ([]byte, error) {
	fd, err := open(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	n := 0
	for {
		if n == len(buf) {
			buf = append(buf, 0)[:n]
			buf = buf[:cap(buf)]
		}
		m, err := syscall.Read(fd, buf[n:])
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if m == 0 {
			return buf[:n], nil
		}
		n += m
	}
}

func open(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if !errors.Is(err, syscall.EINTR) {
			return fd, err
		}
	}
}
