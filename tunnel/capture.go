package tunnel

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"sync"
)

// DefaultCaptureLimit is how much of each body the proxy keeps for inspection and the log. Bodies
// are always forwarded in full and streamed; only the copy is capped.
const DefaultCaptureLimit = 1 << 20

// capture passes a body through unchanged while keeping a copy of its first limit bytes.
type capture struct {
	rc    io.ReadCloser
	limit int

	mu        sync.Mutex
	buf       bytes.Buffer
	size      int64
	truncated bool
	readErr   error
}

func newCapture(rc io.ReadCloser, limit int) *capture {
	return &capture{rc: rc, limit: limit}
}

// Read reads from the body and keeps what fits under the limit.
func (c *capture) Read(p []byte) (int, error) {
	n, err := c.rc.Read(p)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil && !errors.Is(err, io.EOF) && c.readErr == nil {
		c.readErr = err
	}
	c.size += int64(n)
	room := c.limit - c.buf.Len()
	if n > room {
		c.truncated = true
		n2 := max(room, 0)
		c.buf.Write(p[:n2])
	} else {
		c.buf.Write(p[:n])
	}
	return n, err
}

// failed returns the first read error other than EOF: the body broke off.
func (c *capture) failed() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.readErr
}

// Close closes the body.
func (c *capture) Close() error { return c.rc.Close() }

// drain reads what is left of the body into the copy, up to the limit. The proxy calls it when
// the local server never read the request (it was down), so the record still shows the request.
func (c *capture) drain() {
	if c == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(c, int64(c.limit)+1))
}

// keepOpen hides Close from the reverse proxy: the server closes a request body itself, and the
// proxy may still need to drain it after the round trip failed.
type keepOpen struct{ *capture }

// Close does nothing; see keepOpen.
func (keepOpen) Close() error { return nil }

// snapshot returns a copy of what was kept, the full size seen and whether the copy is short.
func (c *capture) snapshot() (body []byte, size int64, truncated bool) {
	if c == nil {
		return nil, 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.buf.Bytes()), c.size, c.truncated
}

func encodeBase64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func decodeBase64(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
