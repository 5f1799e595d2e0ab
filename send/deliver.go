package send

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// MaxReplyBytes is how much of a reply is read and linted: Vobiz's limit (vobiz-xml.md §1:
// ≤ 100 KB). A dialect's own documented limit is Dialect.MaxReplyBytes.
const MaxReplyBytes = 100 * 1024

// maxDrainBytes bounds how much of an oversized reply is read to measure it.
const maxDrainBytes = 16 << 20

// Response is what the server sent back.
type Response struct {
	Status     int         `json:"status"`
	StatusText string      `json:"status_text"`
	Proto      string      `json:"proto"`
	Header     http.Header `json:"-"`
	// Body holds at most MaxReplyBytes+1 bytes; Size is the full size (up to 16 MiB counted).
	Body    []byte        `json:"-"`
	Size    int64         `json:"size"`
	Latency time.Duration `json:"-"`
}

// StatusLine returns the status code and its text, e.g. "200 OK".
func (r *Response) StatusLine() string {
	return strings.TrimSpace(fmt.Sprintf("%d %s", r.Status, r.StatusText))
}

// HeaderList returns the response headers sorted by name, for reports.
func (r *Response) HeaderList() []Header { return headerList(r.Header) }

// TransportOptions tune the HTTP transport of a run.
type TransportOptions struct {
	// Conns is how many connections to keep open to the target (the load concurrency).
	Conns int
	// Insecure skips TLS certificate verification (self-signed local HTTPS).
	Insecure bool
}

// NewTransport returns a transport for webhook delivery: keep-alive connections sized to the
// concurrency, no transparent gzip (the reply size is measured as sent), proxies from the
// environment.
func NewTransport(o TransportOptions) *http.Transport {
	conns := max(o.Conns, 1)
	return &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:   true,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
		DisableCompression:  true,
		TLSClientConfig:     &tls.Config{InsecureSkipVerify: o.Insecure}, //nolint:gosec // opt-in --insecure for local servers
	}
}

// Deliver sends req and reads the reply (at most MaxReplyBytes+1 bytes are kept). timeout bounds
// the whole exchange; 0 means none. Latency runs from sending the request to the reply's last
// byte. Failures to get a reply are *DeliveryError values.
func Deliver(ctx context.Context, client *http.Client, req *Request, timeout time.Duration) (*Response, error) {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	hr, err := newHTTPRequest(ctx, req)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	resp, err := client.Do(hr)
	if err != nil {
		return nil, classify(ctx, req.URL, timeout, err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, size, err := readBody(resp.Body)
	latency := time.Since(start)
	if err != nil {
		return nil, classify(ctx, req.URL, timeout, err)
	}
	return &Response{
		Status: resp.StatusCode, StatusText: http.StatusText(resp.StatusCode), Proto: resp.Proto,
		Header: resp.Header, Body: body, Size: size, Latency: latency,
	}, nil
}

func newHTTPRequest(ctx context.Context, req *Request) (*http.Request, error) {
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, req.URL, body)
	if err != nil {
		return nil, err
	}
	hr.Header = req.Header
	return hr, nil
}

// readBody keeps the first MaxReplyBytes+1 bytes and counts the rest, up to maxDrainBytes.
func readBody(r io.Reader) ([]byte, int64, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxReplyBytes+1))
	if err != nil {
		return body, int64(len(body)), err
	}
	size := int64(len(body))
	if size > MaxReplyBytes {
		n, err := io.Copy(io.Discard, io.LimitReader(r, maxDrainBytes))
		size += n
		if err != nil {
			return body, size, err
		}
	}
	return body, size, nil
}
