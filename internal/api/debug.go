package api

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// maxDebugBody bounds how much of each body the debug log shows.
const maxDebugBody = 64 << 10

// isSecretHeader lists the headers always shown as [REDACTED], whatever their value.
func isSecretHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "X-Auth-Token", "Authorization", "Cookie", "Set-Cookie":
		return true
	}
	return false
}

// NewDebugTransport wraps base (nil means http.DefaultTransport) so that every request and
// response is written to w: method, URL, headers, bodies, status and duration. Secret headers
// and every occurrence of secret (the auth token) are replaced by [REDACTED]. now (nil means
// time.Now) measures durations.
func NewDebugTransport(base http.RoundTripper, w io.Writer, secret string, now func() time.Time) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	if now == nil {
		now = time.Now
	}
	return &debugTransport{base: base, w: w, secret: secret, now: now}
}

type debugTransport struct {
	base   http.RoundTripper
	w      io.Writer
	secret string
	now    func() time.Time
	mu     sync.Mutex // keeps each exchange's lines together when calls run concurrently
}

// RoundTrip logs req, sends it, and logs the response (or the error). The request is never
// modified; its body is read through GetBody, so a request without GetBody is logged without
// its body.
func (t *debugTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "> %s %s\n", req.Method, t.scrub(req.URL.Redacted()))
	t.writeHeaders(&b, ">", req.Header)
	t.writeBody(&b, ">", requestBody(req))
	start := t.now()
	res, err := t.base.RoundTrip(req)
	elapsed := t.now().Sub(start).Round(time.Millisecond)
	if err != nil {
		fmt.Fprintf(&b, "! %s (%s)\n", t.scrub(err.Error()), elapsed)
		t.flush(b.String())
		return nil, err
	}
	fmt.Fprintf(&b, "< %s (%s)\n", res.Status, elapsed)
	t.writeHeaders(&b, "<", res.Header)
	t.writeBody(&b, "<", peekResponseBody(res))
	t.flush(b.String())
	return res, nil
}

func (t *debugTransport) writeHeaders(b *strings.Builder, prefix string, h http.Header) {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		value := strings.Join(h[name], ", ")
		if isSecretHeader(name) {
			value = redacted
		}
		fmt.Fprintf(b, "%s %s: %s\n", prefix, name, t.scrub(value))
	}
}

func (t *debugTransport) writeBody(b *strings.Builder, prefix string, body []byte) {
	if len(body) == 0 {
		return
	}
	text := string(body)
	if len(text) > maxDebugBody {
		text = text[:maxDebugBody] + fmt.Sprintf("… (truncated at %d bytes)", maxDebugBody)
	}
	fmt.Fprintf(b, "%s\n", prefix)
	for line := range strings.SplitSeq(strings.TrimRight(t.scrub(text), "\n"), "\n") {
		fmt.Fprintf(b, "%s %s\n", prefix, line)
	}
}

// scrub removes the secret from free text (URLs, bodies, error messages).
func (t *debugTransport) scrub(s string) string {
	if t.secret == "" {
		return s
	}
	return strings.ReplaceAll(s, t.secret, redacted)
}

func (t *debugTransport) flush(s string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, _ = io.WriteString(t.w, s) // debug output is best effort
}

// requestBody returns a copy of the request body without consuming it.
func requestBody(req *http.Request) []byte {
	if req.Body == nil || req.Body == http.NoBody || req.GetBody == nil {
		return nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil
	}
	defer rc.Close()
	data, _ := io.ReadAll(io.LimitReader(rc, maxDebugBody+1))
	return data
}

// peekResponseBody reads up to maxDebugBody+1 bytes of the response body and puts them back in
// front of the rest, so the caller still reads the whole body.
func peekResponseBody(res *http.Response) []byte {
	if res.Body == nil {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, maxDebugBody+1))
	res.Body = readCloser{io.MultiReader(bytes.NewReader(data), errReader{err}, res.Body), res.Body}
	return data
}

type readCloser struct {
	io.Reader
	io.Closer
}

// errReader replays a read error hit while peeking, so the caller sees it at the same point.
type errReader struct{ err error }

// Read returns the saved error, or io.EOF so that io.MultiReader moves on.
func (r errReader) Read([]byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	return 0, io.EOF
}
