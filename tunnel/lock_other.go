//go:build !unix

package tunnel

import "os"

// tryLock cannot tell a live session from a crashed one without flock: it always succeeds, so
// a second session on the same application is not detected outside Unix.
func tryLock(*os.File) (bool, error) { return true, nil }
