package tunnel

import (
	"fmt"
	"os"
	"testing"

	"github.com/vobizctl/vobizctl/tunnel/tunneltest"
)

// fakeCloudflared is the path of the fake cloudflared built once for this package's tests.
var fakeCloudflared string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fakecloudflared")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fakeCloudflared, err = tunneltest.BuildFakeCloudflared(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
