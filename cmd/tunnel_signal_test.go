//go:build unix

package cmd

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/api/apitest"
	"github.com/vobizctl/vobizctl/tunnel"
)

// TestTunnelRestoresOnSIGTERM runs the real binary (testscript.Main puts it on PATH as
// vobizctl), waits for its NDJSON ready line, sends SIGTERM and checks that the Application is
// exactly as before and that the exit code is 130.
func TestTunnelRestoresOnSIGTERM(t *testing.T) {
	srv := apitest.NewServer(t)
	id := srv.AddApp("ivr", "https://prod.example.com/answer")
	before, _ := srv.App(id)
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<Response/>") }))
	defer local.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	listen := l.Addr().String()
	l.Close()
	home := t.TempDir()
	cmd := exec.Command("vobizctl", "tunnel", "--to", local.URL, "--app", id, "--provider", "url",
		"--public-url", "http://"+listen, "--listen", listen, "--format", "json")
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "VOBIZCTL_CONFIG=",
		"VOBIZ_PROFILE=", "VOBIZ_API_URL="+srv.URL, "VOBIZ_AUTH_ID="+srv.AuthID, "VOBIZ_AUTH_TOKEN="+srv.AuthToken)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	ready := readReady(t, stdout)
	if during, _ := srv.App(id); during["answer_url"] != ready.URLs[tunnel.FieldAnswer] {
		t.Fatalf("answer_url during the session = %v, want %q", during["answer_url"], ready.URLs[tunnel.FieldAnswer])
	}
	go io.Copy(io.Discard, stdout)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var exitErr *exec.ExitError
	if err := cmd.Wait(); !errors.As(err, &exitErr) || exitErr.ExitCode() != ExitInterrupted {
		t.Fatalf("exit = %v, want %d", err, ExitInterrupted)
	}
	after, _ := srv.App(id)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("application after SIGTERM (-before +after):\n%s", diff)
	}
}

// readReady reads the first stdout line (the ready object), 20 s at most.
func readReady(t *testing.T, r io.Reader) tunnel.Ready {
	t.Helper()
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		lines <- line
	}()
	select {
	case line := <-lines:
		var ready tunnel.Ready
		if err := json.Unmarshal([]byte(line), &ready); err != nil || ready.Type != "ready" {
			t.Fatalf("first line %q is not a ready object: %v", line, err)
		}
		return ready
	case <-time.After(20 * time.Second):
		t.Fatal("no ready line within 20s")
	}
	return tunnel.Ready{}
}
