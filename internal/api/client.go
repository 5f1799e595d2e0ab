package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultBaseURL is the Vobiz voice API root; every account-scoped path is appended to it.
const DefaultBaseURL = "https://api.vobiz.ai/api/v1"

// DefaultTimeout bounds one HTTP attempt (connect, send, read the whole response) when
// Options.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// ErrMissingCredentials is returned before any request is sent when the auth ID or the auth
// token is empty. IsAuth reports true for it.
var ErrMissingCredentials error = missingCredentials{}

type missingCredentials struct{}

func (missingCredentials) Error() string {
	return "missing credentials: both an auth ID and an auth token are required"
}

// AuthFailure marks the error as a credentials problem for exit-code mapping.
func (missingCredentials) AuthFailure() bool { return true }

// Options configures a Client. Only AuthID and AuthToken are needed; everything else has a
// working default.
type Options struct {
	// BaseURL is the API root including the version, default DefaultBaseURL.
	BaseURL string
	// AuthID is the account's auth ID (MA_… or SA_…); it is also part of every path.
	AuthID string
	// AuthToken is the secret sent in X-Auth-Token. It never appears in errors or debug output.
	AuthToken string
	// HTTPClient sends the requests; nil means a client using http.DefaultTransport. It is
	// copied, never modified.
	HTTPClient *http.Client
	// UserAgent names the caller, e.g. "vobizctl/1.2.3"; default "vobizctl".
	UserAgent string
	// Timeout bounds each attempt; zero means DefaultTimeout. The whole call is bounded by the
	// caller's context.
	Timeout time.Duration
	// Retry is the retry policy for safe requests; the zero value uses the defaults.
	Retry RetryPolicy

	// Sleep waits between attempts; it must return early with ctx.Err() when ctx ends.
	// Tests inject a recorder; nil means a real timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock used for Retry-After dates and debug durations; nil means time.Now.
	Now func() time.Time
	// Jitter spreads a backoff delay d; nil means a random value in [d/2, d].
	Jitter func(d time.Duration) time.Duration
}

// Client talks to the Vobiz REST API. It is safe for concurrent use.
type Client struct {
	base      *url.URL
	baseErr   error
	authID    string
	authToken string
	http      *http.Client
	userAgent string
	timeout   time.Duration
	retry     RetryPolicy
	sleep     func(ctx context.Context, d time.Duration) error
	now       func() time.Time
	jitter    func(d time.Duration) time.Duration
}

// New returns a Client for opts. An unusable BaseURL is reported by every call, not here, so
// that building a client never fails.
func New(opts Options) *Client {
	c := &Client{
		authID:    opts.AuthID,
		authToken: opts.AuthToken,
		userAgent: valueOr(opts.UserAgent, "vobizctl"),
		timeout:   opts.Timeout,
		retry:     opts.Retry.withDefaults(),
		sleep:     opts.Sleep,
		now:       opts.Now,
		jitter:    opts.Jitter,
	}
	c.base, c.baseErr = parseBaseURL(valueOr(opts.BaseURL, DefaultBaseURL))
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.sleep == nil {
		c.sleep = sleepContext
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.jitter == nil {
		c.jitter = halfJitter
	}
	c.http = buildHTTPClient(opts.HTTPClient)
	return c
}

// AuthID returns the auth ID the client sends; commands use it to label output.
func (c *Client) AuthID() string { return c.authID }

// BaseURL returns the API root the client sends requests to.
func (c *Client) BaseURL() string {
	if c.base == nil {
		return ""
	}
	return c.base.String()
}

// buildHTTPClient copies hc (so the caller's client is untouched) and refuses redirects. Debug
// logging is the caller's transport (cmd wraps it with internal/debuglog). Redirects are refused because Go forwards custom headers such as
// X-Auth-Token to the redirect target, even on another host; the API never redirects.
func buildHTTPClient(hc *http.Client) *http.Client {
	var c http.Client
	if hc != nil {
		c = *hc
	}
	c.Timeout = 0 // the per-attempt context deadline applies instead
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// parseBaseURL checks that raw is an absolute http(s) URL and drops a trailing slash, so paths
// can be appended with a leading one.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("invalid API URL %q: must be an absolute http or https URL", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("invalid API URL %q: must not carry a query or fragment", raw)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// accountPath returns the account-scoped path for the given PascalCase segments, each ending in
// a slash as the API requires: accountPath("Application", "123") is
// "/Account/MA_X/Application/123/". The auth ID and segments are validated identifiers, so no
// escaping is needed.
func (c *Client) accountPath(segments ...string) string {
	return "/Account/" + c.authID + "/" + strings.Join(segments, "/") + "/"
}

func valueOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
