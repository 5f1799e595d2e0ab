package tunnel

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
)

// StaticProvider is the "url" provider: a tunnel the user already runs (ssh -R, Tailscale Funnel,
// a reverse proxy) whose public URL forwards to the proxy's listen address. vobizctl only proxies
// and updates the Application; the health check proves the URL really reaches the proxy.
type StaticProvider struct {
	URL string

	once sync.Once
	done chan struct{}
}

// NewStaticProvider returns a provider for the public URL u.
func NewStaticProvider(u string) *StaticProvider {
	return &StaticProvider{URL: u, done: make(chan struct{})}
}

// Name returns "url".
func (p *StaticProvider) Name() string { return ProviderURL }

// Start checks the URL and returns it without a trailing slash.
func (p *StaticProvider) Start(context.Context, string) (string, error) {
	return NormalizePublicURL(p.URL)
}

// Done is closed by Stop; a static tunnel never ends on its own.
func (p *StaticProvider) Done() <-chan struct{} { return p.done }

// Err is always nil: a static tunnel cannot die.
func (p *StaticProvider) Err() error { return nil }

// Stop closes Done.
func (p *StaticProvider) Stop() error {
	p.once.Do(func() { close(p.done) })
	return nil
}

// NormalizePublicURL checks that raw is an absolute http(s) URL with a host and no query or
// fragment, and returns it without a trailing slash, ready to have paths appended.
func NormalizePublicURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("invalid public URL %q: want an absolute http:// or https:// URL such as https://dev.example.com", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("invalid public URL %q: it must not carry a query, fragment or user info", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String(), nil
}
