package tunnel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// HealthOptions bounds the check that the public URL reaches the proxy.
type HealthOptions struct {
	// Client makes the requests; nil means a client with a 5 s timeout.
	Client *http.Client
	// Timeout bounds the whole check; 0 means 60 s (a new quick tunnel can take a while to
	// become reachable).
	Timeout time.Duration
	// Interval is the pause between attempts; 0 means 500 ms.
	Interval time.Duration
}

// HealthError means the public URL never reached the proxy.
type HealthError struct {
	PublicURL string
	Timeout   time.Duration
	Last      error
}

func (e *HealthError) Error() string {
	return fmt.Sprintf("the public URL %s did not reach vobizctl's proxy within %s: %v", e.PublicURL, e.Timeout, e.Last)
}

// Hint says what to check.
func (e *HealthError) Hint() string {
	return "with --provider url, check that the public URL forwards to the --listen address; otherwise retry, or raise --health-timeout"
}

// CheckPublicURL requests the proxy's health path through the public URL until the proxy's own
// answer comes back. abort (the provider's Done) ends the check early.
func CheckPublicURL(ctx context.Context, publicURL string, p *Proxy, opts HealthOptions, abort <-chan struct{}) error {
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: 5 * time.Second}
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 60 * time.Second
	}
	if opts.Interval <= 0 {
		opts.Interval = 500 * time.Millisecond
	}
	deadline := time.NewTimer(opts.Timeout)
	defer deadline.Stop()
	for {
		last := probe(ctx, opts.Client, publicURL+p.HealthPath(), p.HealthToken())
		if last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-abort:
			return errors.New("the tunnel ended during the health check")
		case <-deadline.C:
			return &HealthError{PublicURL: publicURL, Timeout: opts.Timeout, Last: last}
		case <-time.After(opts.Interval):
		}
	}
}

// probe makes one health request and says what was wrong with it, if anything.
func probe(ctx context.Context, client *http.Client, u, token string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 256))
	if resp.StatusCode != http.StatusOK || string(body) != token {
		return fmt.Errorf("got HTTP %d from something other than vobizctl's proxy", resp.StatusCode)
	}
	return nil
}

// WatchLocal checks every interval whether the local server accepts connections and calls
// report on the first check when it does not, and on every change after that. It returns when
// ctx ends.
func WatchLocal(ctx context.Context, target *url.URL, interval time.Duration, report func(up bool, err error)) {
	if interval <= 0 {
		interval = 2 * time.Second
	}
	addr := hostPort(target)
	first, wasUp := true, false
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		err := dialOnce(ctx, addr)
		up := err == nil
		if (first && !up) || (!first && up != wasUp) {
			report(up, err)
		}
		first, wasUp = false, up
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func dialOnce(ctx context.Context, addr string) error {
	d := net.Dialer{Timeout: 2 * time.Second}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	return c.Close()
}

// hostPort returns the target's host:port, with the scheme's default port when none is given.
func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	port := "80"
	if u.Scheme == "https" {
		port = "443"
	}
	return net.JoinHostPort(u.Hostname(), port)
}
