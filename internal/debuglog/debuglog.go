// Package debuglog writes --debug output to stderr: HTTP exchanges and config resolution, with
// every secret redacted before it is written.
package debuglog

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

// maxBody caps how much of a body is logged, so debugging a large reply does not flood the terminal.
const maxBody = 4096

// isSecretHeader reports whether the canonical header name k is never logged in clear, whatever
// the secrets list says. A switch rather than a package-level map: a map literal is built by code
// at package init, which every vobizctl command would pay for at startup.
func isSecretHeader(k string) bool {
	switch k {
	case "X-Auth-Token", "Authorization", "Cookie", "Set-Cookie",
		"X-Vobiz-Signature", "X-Vobiz-Signature-V2", "X-Vobiz-Signature-V3",
		"X-Vobiz-Signature-Ma-V2", "X-Vobiz-Signature-Ma-V3", "X-Plivo-Signature-V3",
		"X-Plivo-Signature-V2", "X-Plivo-Signature":
		return true
	}
	return false
}

// Logger writes debug lines. A nil *Logger discards everything, so callers need no checks.
type Logger struct {
	mu      sync.Mutex
	w       io.Writer
	secrets []string
}

// New returns a logger writing to w that replaces each of secrets with "****" wherever it appears.
func New(w io.Writer, secrets ...string) *Logger {
	l := &Logger{w: w}
	l.AddSecrets(secrets...)
	return l
}

// AddSecrets registers more values to redact (a token learned after the logger was made).
func (l *Logger) AddSecrets(secrets ...string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range secrets {
		if len(s) >= 4 {
			l.secrets = append(l.secrets, s)
		}
	}
}

// Printf writes one "debug: " line.
func (l *Logger) Printf(format string, args ...any) {
	if l == nil {
		return
	}
	msg := l.Redact(fmt.Sprintf(format, args...))
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "debug: %s\n", strings.TrimRight(msg, "\n"))
}

// Redact replaces every registered secret in s.
func (l *Logger) Redact(s string) string {
	if l == nil {
		return s
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, sec := range l.secrets {
		s = strings.ReplaceAll(s, sec, "****")
	}
	return s
}

// Transport wraps base so that every request and response is logged. With a nil logger it returns
// base unchanged.
func (l *Logger) Transport(base http.RoundTripper) http.RoundTripper {
	if l == nil {
		return base
	}
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{base: base, log: l}
}

type transport struct {
	base http.RoundTripper
	log  *Logger
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.log.Printf("> %s %s\n%s%s", req.Method, req.URL, formatHeaders(req.Header, "> "), t.peekRequest(req))
	start := time.Now()
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		t.log.Printf("< error after %s: %v", time.Since(start).Round(time.Millisecond), err)
		return nil, err
	}
	t.log.Printf("< %s (%s)\n%s%s", resp.Status, time.Since(start).Round(time.Millisecond), formatHeaders(resp.Header, "< "), peekResponse(resp))
	return resp, nil
}

func (t *transport) peekRequest(req *http.Request) string {
	if req.Body == nil || req.GetBody == nil {
		return ""
	}
	body, err := req.GetBody()
	if err != nil {
		return ""
	}
	defer body.Close()
	b, _ := io.ReadAll(io.LimitReader(body, maxBody+1))
	return clip(b)
}

func peekResponse(resp *http.Response) string {
	if resp.Body == nil {
		return ""
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	if err != nil {
		return ""
	}
	return clip(b)
}

func clip(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxBody {
		return string(b[:maxBody]) + "\n… (body truncated)"
	}
	return string(b)
}

func formatHeaders(h http.Header, prefix string) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		v := strings.Join(h[k], ", ")
		if isSecretHeader(http.CanonicalHeaderKey(k)) {
			v = "****"
		}
		fmt.Fprintf(&b, "%s%s: %s\n", prefix, k, v)
	}
	return b.String()
}
