//go:build !unix

package lint

import "os"

// readFile reads a whole file into a new buffer (buf is unused on this platform). The release
// func is a no-op: the bytes belong to the caller, so a Result may keep them without a copy.
func readFile(name string, _ []byte, _ int64) ([]byte, func(), error) {
	b, err := os.ReadFile(name)
	return b, func() {}, err
}

// statPath reports whether p is a directory and, for a regular file, its size (-1 otherwise).
func statPath(p string) (isDir bool, size int64, err error) {
	info, err := os.Stat(p)
	switch {
	case err != nil:
		return false, 0, err
	case info.IsDir():
		return true, 0, nil
	case info.Mode().IsRegular():
		return false, info.Size(), nil
	}
	return false, sizeUnknown, nil
}
