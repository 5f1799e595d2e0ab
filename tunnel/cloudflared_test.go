package tunnel

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func startFakeCloudflared(t *testing.T, mode string, timeout time.Duration) (*Cloudflared, string, error) {
	t.Helper()
	t.Setenv("FAKE_CLOUDFLARED", mode)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "origin saw "+r.URL.Path)
	}))
	t.Cleanup(origin.Close)
	c := NewCloudflared(CloudflaredOptions{Binary: fakeCloudflared, StartTimeout: timeout, PollInterval: 20 * time.Millisecond})
	t.Cleanup(func() { _ = c.Stop() })
	u, err := c.Start(context.Background(), origin.URL)
	return c, u, err
}

func TestCloudflaredURLFromMetricsForwardsToOrigin(t *testing.T) {
	c, u, err := startFakeCloudflared(t, "", 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u, "http://127.0.0.1:") {
		t.Fatalf("public URL = %q, want the fake's loopback forwarder", u)
	}
	resp, err := http.Get(u + "/answer")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "origin saw /answer" {
		t.Fatalf("through the tunnel got %q", body)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	if c.Err() != nil {
		t.Fatalf("Err after Stop = %v, want nil", c.Err())
	}
}

func TestCloudflaredURLFromLog(t *testing.T) {
	_, u, err := startFakeCloudflared(t, "log", 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if want := "https://seasonal-deck-organisms-sf.trycloudflare.com"; u != want {
		t.Fatalf("public URL = %q, want %q", u, want)
	}
}

func TestCloudflaredStartFailures(t *testing.T) {
	tests := []struct {
		name, mode string
		timeout    time.Duration
		want       []string
	}{
		{"exits at once", "fail", 20 * time.Second, []string{"cloudflared stopped before the tunnel was ready", "exit status 1", "failed to unmarshal quick Tunnel"}},
		{"never gives a URL", "hang", 300 * time.Millisecond, []string{"cloudflared gave no public URL within 300ms"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _, err := startFakeCloudflared(t, tt.mode, tt.timeout)
			if err == nil {
				t.Fatal("Start succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			select {
			case <-c.Done():
			case <-time.After(10 * time.Second):
				t.Fatal("the process still runs after a failed Start")
			}
		})
	}
}

func TestCloudflaredDeathClosesDone(t *testing.T) {
	c, u, err := startFakeCloudflared(t, "", 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := http.Get(u + "/__fake/exit"); err == nil {
		resp.Body.Close()
	}
	select {
	case <-c.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("Done not closed after the process died")
	}
	if err := c.Err(); err == nil || !strings.Contains(err.Error(), "exit status 7") {
		t.Fatalf("Err = %v, want the exit status", err)
	}
}

func TestFindCloudflaredMissing(t *testing.T) {
	_, err := FindCloudflared(t.TempDir() + "/cloudflared")
	var missing *MissingBinaryError
	if !errors.As(err, &missing) {
		t.Fatalf("err = %v, want *MissingBinaryError", err)
	}
	if !strings.Contains(missing.Hint(), "brew install cloudflared") {
		t.Errorf("hint %q has no install command", missing.Hint())
	}
	got, err := FindCloudflared(fakeCloudflared)
	if err != nil || got != fakeCloudflared {
		t.Fatalf("FindCloudflared(%q) = %q, %v", fakeCloudflared, got, err)
	}
}

func TestURLFromCloudflaredLog(t *testing.T) {
	tests := []struct{ name, line, want string }{
		{"box line", "2026-01-02T03:04:05Z INF |  https://seasonal-deck-organisms-sf.trycloudflare.com                                      |", "https://seasonal-deck-organisms-sf.trycloudflare.com"},
		{"banner without URL", "2026-01-02T03:04:05Z INF Requesting new quick Tunnel on trycloudflare.com...", ""},
		{"other https URL", "INF see https://developers.cloudflare.com/cloudflare-one/", ""},
		{"metrics line", "INF Starting metrics server on 127.0.0.1:20241/metrics", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := URLFromCloudflaredLog(tt.line); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestURLForHostname(t *testing.T) {
	tests := []struct {
		host, want string
		ok         bool
	}{
		{"seasonal-deck.trycloudflare.com", "https://seasonal-deck.trycloudflare.com", true},
		{"127.0.0.1:4040", "http://127.0.0.1:4040", true},
		{"localhost:80", "http://localhost:80", true},
		{"", "", false},
		{"bad/host", "", false},
	}
	for _, tt := range tests {
		got, ok := urlForHostname(tt.host)
		if got != tt.want || ok != tt.ok {
			t.Errorf("urlForHostname(%q) = %q, %v; want %q, %v", tt.host, got, ok, tt.want, tt.ok)
		}
	}
}
