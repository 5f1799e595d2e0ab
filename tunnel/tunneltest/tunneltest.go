// Package tunneltest builds the test doubles of package tunnel that other packages' tests need:
// a fake cloudflared binary that behaves like the real one on the command line and on its metrics
// endpoint, without any network beyond loopback.
package tunneltest

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
)

// BuildFakeCloudflared compiles the fake cloudflared (tunnel/testdata/fakecloudflared) into dir
// as "cloudflared" (cloudflared.exe on Windows) and returns its path. Its behaviour is chosen by
// the FAKE_CLOUDFLARED environment variable of the process that runs it; see its package comment.
func BuildFakeCloudflared(dir string) (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", fmt.Errorf("cannot locate the tunneltest sources")
	}
	src := filepath.Join(filepath.Dir(file), "..", "testdata", "fakecloudflared")
	name := "cloudflared"
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Dir = src
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build fakecloudflared: %v\n%s", err, b)
	}
	return out, nil
}
