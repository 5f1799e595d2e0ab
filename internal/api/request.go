package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// maxResponseBytes bounds how much of a response body is read; Application pages are a few
// kilobytes, so anything near this is a broken server, not data.
const maxResponseBytes = 16 << 20

// call is one logical API call; do turns it into one or more HTTP attempts.
type call struct {
	method string
	path   string // relative to the base URL, e.g. "/Account/MA_X/Application/"
	query  url.Values
	body   any // sent as JSON when non-nil
}

// response is a fully read HTTP response.
type response struct {
	status int
	header http.Header
	body   []byte
}

// RequestError reports a call that got no HTTP response: a connection failure, a timeout or a
// cancelled context. errors.Is sees through it (context.Canceled, context.DeadlineExceeded).
type RequestError struct {
	Method string
	Path   string
	// Timeout is the per-attempt limit when that limit is what ended the call, else zero.
	Timeout time.Duration
	Err     error
}

// Error reads "GET /Account/MA_X/Application/: timed out after 30s".
func (e *RequestError) Error() string {
	if e.Timeout > 0 {
		return fmt.Sprintf("%s %s: timed out after %s", e.Method, e.Path, e.Timeout)
	}
	return fmt.Sprintf("%s %s: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the underlying transport or context error.
func (e *RequestError) Unwrap() error { return e.Err }

// do runs cl, retrying when the policy allows, and decodes a 2xx JSON body into out (if
// non-nil). Non-2xx answers become *HTTPError, transport failures *RequestError.
func (c *Client) do(ctx context.Context, cl call, out any) error {
	if c.baseErr != nil {
		return c.baseErr
	}
	if c.authID == "" || c.authToken == "" {
		return ErrMissingCredentials
	}
	if err := validateAuthID(c.authID); err != nil {
		return err
	}
	payload, err := encodeBody(cl.body)
	if err != nil {
		return fmt.Errorf("%s %s: encode request: %w", cl.method, cl.path, err)
	}
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, cl, payload)
		wait, again := c.retryDelay(ctx, cl.method, attempt, resp, err)
		if !again {
			return c.finish(ctx, cl, resp, err, attempt, out)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return &RequestError{Method: cl.method, Path: cl.path, Err: err}
		}
	}
}

// attempt sends one HTTP request under its own timeout and reads the whole response.
func (c *Client) attempt(ctx context.Context, cl call, payload []byte) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := c.newRequest(ctx, cl, payload)
	if err != nil {
		return nil, err
	}
	res, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is already in the caller's message
		}
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxResponseBytes))
	if err != nil {
		return nil, fmt.Errorf("read response: %w", err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: body}, nil
}

// newRequest builds the HTTP request with the auth headers. The body is rebuilt from payload
// for every attempt.
func (c *Client) newRequest(ctx context.Context, cl call, payload []byte) (*http.Request, error) {
	u := *c.base
	u.Path += cl.path
	u.RawQuery = cl.query.Encode()
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return nil, err
	}
	// Direct map writes keep the documented header casing on the wire (Go would send the
	// canonical "X-Auth-Id"; HTTP header names are case-insensitive, but an older docs page
	// says Vobiz's are not).
	req.Header["X-Auth-ID"] = []string{c.authID}
	req.Header["X-Auth-Token"] = []string{c.authToken}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// finish turns the last attempt's outcome into the call's result.
func (c *Client) finish(ctx context.Context, cl call, resp *response, err error, attempts int, out any) error {
	if err != nil {
		rerr := &RequestError{Method: cl.method, Path: cl.path, Err: err}
		if ctx.Err() == nil && isTimeout(err) {
			rerr.Timeout = c.timeout
		}
		return rerr
	}
	if resp.status < 200 || resp.status > 299 {
		return newHTTPError(cl.method, cl.path, resp, attempts, c.authToken, c.now())
	}
	if out == nil || len(bytes.TrimSpace(resp.body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(resp.body, out); err != nil {
		return fmt.Errorf("%s %s: invalid JSON in the HTTP %d response: %w", cl.method, cl.path, resp.status, err)
	}
	return nil
}

func encodeBody(body any) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	return json.Marshal(body)
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
