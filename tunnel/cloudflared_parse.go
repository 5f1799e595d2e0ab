package tunnel

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
)

// quickTunnelURLRE matches the URL cloudflared prints in its "Your quick Tunnel has been created"
// box, e.g. "|  https://seasonal-deck-organisms-sf.trycloudflare.com  |". It is compiled on first
// use, not at package init: every vobizctl command links this package, only `tunnel` needs it.
var quickTunnelURLRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`https://[a-z0-9-]+(?:\.[a-z0-9-]+)*\.trycloudflare\.com\b`)
})

// URLFromCloudflaredLog returns the quick-tunnel URL in one line of cloudflared's log, or "".
func URLFromCloudflaredLog(line string) string {
	return quickTunnelURLRE().FindString(line)
}

// QuickTunnelURL asks cloudflared's metrics server at addr (host:port) for the quick tunnel's
// hostname: GET /quicktunnel answers {"hostname":"….trycloudflare.com"}, with an empty hostname
// until the tunnel is registered. ok is false until a hostname is known.
func QuickTunnelURL(ctx context.Context, client *http.Client, addr string) (string, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/quicktunnel", nil)
	if err != nil {
		return "", false
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", false
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", false
	}
	var body struct {
		Hostname string `json:"hostname"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<10)).Decode(&body); err != nil {
		return "", false
	}
	return urlForHostname(body.Hostname)
}

// urlForHostname turns the metrics hostname into a base URL. Quick tunnels are always HTTPS; a
// loopback hostname (a local stand-in for cloudflared, as the tests use) has no TLS, so it gets
// http://.
func urlForHostname(host string) (string, bool) {
	host = strings.TrimSpace(host)
	if host == "" || strings.ContainsAny(host, "/?# ") {
		return "", false
	}
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	if ip := net.ParseIP(name); (ip != nil && ip.IsLoopback()) || name == "localhost" {
		return "http://" + host, true
	}
	return "https://" + host, true
}

// freeLoopbackAddr returns a loopback host:port that was free a moment ago, for cloudflared's
// --metrics server.
func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("cannot find a free loopback port: %w", err)
	}
	addr := l.Addr().String()
	return addr, l.Close()
}
