package api

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy says how often and how patiently safe requests are retried. Zero fields take the
// defaults shown on each field.
type RetryPolicy struct {
	// MaxAttempts counts every attempt including the first (default 4); 1 disables retries.
	MaxAttempts int
	// BaseDelay is the first backoff delay, doubled per retry (default 500ms).
	BaseDelay time.Duration
	// MaxDelay caps one backoff delay before jitter (default 8s).
	MaxDelay time.Duration
	// MaxRetryAfter caps a server's Retry-After (default 30s): a CLI user would rather see the
	// error than wait minutes.
	MaxRetryAfter time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 4
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 8 * time.Second
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = 30 * time.Second
	}
	return p
}

// retryDelay decides whether the attempt that produced resp/err is retried and after how long.
//
// Only GET and DELETE are ever retried: a POST creates or updates an Application, and a POST
// whose answer was lost may have been applied, so re-sending it could create a duplicate. POST
// is not retried even after a dial error (which proves nothing was sent): one rule that never
// re-sends a write is easier to trust than a distinction the user cannot see.
func (c *Client) retryDelay(ctx context.Context, method string, attempt int, resp *response, err error) (time.Duration, bool) {
	if attempt >= c.retry.MaxAttempts || !retryableMethod(method) || ctx.Err() != nil {
		return 0, false
	}
	if err != nil {
		// Only a failed connect is known to have sent nothing; any later failure may have
		// reached the server (a DELETE may have happened).
		if !isDialError(err) {
			return 0, false
		}
		return c.backoff(attempt), true
	}
	if !retryableStatus(resp.status) {
		return 0, false
	}
	if d, ok := retryAfter(resp, c.now()); ok {
		return min(d, c.retry.MaxRetryAfter), true
	}
	return c.backoff(attempt), true
}

func retryableMethod(method string) bool {
	return method == http.MethodGet || method == http.MethodDelete
}

// retryableStatus lists the answers that say "try again later": rate limiting and gateway or
// availability trouble. 500 is left out: it usually means the request itself broke the server.
func retryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// isDialError reports a connection that failed before anything was written (refused, DNS,
// connect timeout). A cancelled context is not a reason to retry.
func isDialError(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// backoff is BaseDelay·2^(attempt-1), capped at MaxDelay, then jittered.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.retry.BaseDelay
	for i := 1; i < attempt && d < c.retry.MaxDelay; i++ {
		d *= 2
	}
	return c.jitter(min(d, c.retry.MaxDelay))
}

// retryAfter reads the Retry-After header (delay-seconds or an HTTP date) or, failing that, the
// envelope error's details.retryAfter seconds.
func retryAfter(resp *response, now time.Time) (time.Duration, bool) {
	if d, ok := parseRetryAfter(resp.header.Get("Retry-After"), now); ok {
		return d, true
	}
	var env struct {
		Error struct {
			Details struct {
				RetryAfter *float64 `json:"retryAfter"`
			} `json:"details"`
		} `json:"error"`
	}
	if json.Unmarshal(resp.body, &env) != nil || env.Error.Details.RetryAfter == nil {
		return 0, false
	}
	secs := max(*env.Error.Details.RetryAfter, 0)
	return time.Duration(min(secs, 86400) * float64(time.Second)), true
}

// parseRetryAfter parses a Retry-After value; dates in the past mean "now".
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 86400)) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// halfJitter returns a random delay in [d/2, d]: spread out enough that clients hit by the same
// outage do not retry in lockstep, yet never much shorter than the backoff asked for.
func halfJitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// sleepContext waits d or until ctx ends, whichever comes first.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
