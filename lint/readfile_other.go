//go:build !unix

package lint

import "os"

// readFile reads a whole file; buf is unused on this platform.
func readFile(name string, _ []byte) ([]byte, error) { return os.ReadFile(name) }
