package signature

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// ErrReplay means the request carried a (nonce, signature) pair already accepted within the
// replay window.
var ErrReplay = errors.New("replayed signature")

// Defaults of MiddlewareOptions.
const (
	DefaultReplayWindow    = 24 * time.Hour
	DefaultReplayCacheSize = 100_000
	DefaultMaxBodyBytes    = 1 << 20
)

// MiddlewareOptions configures Middleware.
type MiddlewareOptions struct {
	// Token, ParentToken and Schemes are as in VerifyOptions.
	Token       string
	ParentToken string
	Schemes     []Scheme
	// PublicBaseURL is the scheme://host[/prefix] Vobiz calls, such as a tunnel URL. The request's
	// path and query are appended to it (after the prefix, if any). When empty, the URL is rebuilt
	// from the request: https when it came over TLS, else http, and the Host header.
	PublicBaseURL string
	// TrustForwardedHeaders takes the scheme and host from X-Forwarded-Proto and X-Forwarded-Host.
	// Only set it behind a proxy that sets these headers itself: a client can send them too.
	TrustForwardedHeaders bool
	// Now is the clock for the replay cache; nil means time.Now.
	Now func() time.Time
	// ReplayWindow is how long an accepted (nonce, signature) pair is remembered; 0 means
	// DefaultReplayWindow.
	ReplayWindow time.Duration
	// ReplayCacheSize bounds the pairs remembered (oldest forgotten first); 0 means
	// DefaultReplayCacheSize.
	ReplayCacheSize int
	// MaxBodyBytes bounds the form body read for PlivoV3 and V1, the only schemes that sign it;
	// 0 means DefaultMaxBodyBytes. Other schemes never read the body.
	MaxBodyBytes int64
	// OnReject writes the response for a rejected request; nil means 403 with a short text body.
	// err wraps ErrNoSignature, ErrMismatch, ErrReplay or a request error.
	OnReject func(w http.ResponseWriter, r *http.Request, err error)
}

type middleware struct {
	opts     MiddlewareOptions
	verifier *Verifier
	base     *urlParts
	replay   *replayCache
	needBody bool
	next     http.Handler
}

// Middleware returns net/http middleware that passes only requests with a valid Vobiz signature
// that has not been seen before, and answers the rest with 403 Forbidden.
func Middleware(opts MiddlewareOptions) (func(http.Handler) http.Handler, error) {
	v, err := NewVerifier(VerifyOptions{Token: opts.Token, ParentToken: opts.ParentToken, Schemes: opts.Schemes})
	if err != nil {
		return nil, err
	}
	base, err := parsePublicBase(opts.PublicBaseURL)
	if err != nil {
		return nil, err
	}
	setMiddlewareDefaults(&opts)
	m := middleware{opts: opts, verifier: v, base: base,
		replay:   newReplayCache(opts.ReplayWindow, opts.ReplayCacheSize),
		needBody: slices.Contains(v.schemes, PlivoV3) || slices.Contains(v.schemes, V1)}
	return func(next http.Handler) http.Handler {
		h := m
		h.next = next
		return &h
	}, nil
}

func setMiddlewareDefaults(o *MiddlewareOptions) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ReplayWindow <= 0 {
		o.ReplayWindow = DefaultReplayWindow
	}
	if o.ReplayCacheSize <= 0 {
		o.ReplayCacheSize = DefaultReplayCacheSize
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.OnReject == nil {
		o.OnReject = func(w http.ResponseWriter, _ *http.Request, _ error) {
			http.Error(w, "forbidden: invalid Vobiz signature", http.StatusForbidden)
		}
	}
}

func parsePublicBase(raw string) (*urlParts, error) {
	if raw == "" {
		return nil, nil
	}
	if err := checkURL(raw); err != nil {
		return nil, fmt.Errorf("public base URL: %w", err)
	}
	if strings.ContainsAny(raw, "?#") {
		return nil, fmt.Errorf("public base URL %q: want scheme://host[/prefix] without query or fragment", raw)
	}
	p := splitURL(raw)
	p.path = strings.TrimSuffix(p.path, "/")
	return &p, nil
}

// ServeHTTP verifies r and calls the next handler only when it passes.
func (m *middleware) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	req, err := m.request(r)
	if err == nil {
		err = m.check(req, r.Header)
	}
	if err != nil {
		m.opts.OnReject(w, r, err)
		return
	}
	m.next.ServeHTTP(w, r)
}

func (m *middleware) check(req Request, h http.Header) error {
	res, err := m.verifier.Verify(req, h)
	if err != nil {
		return err
	}
	if m.replay.checkAndAdd(replayKeys(res.Matches), m.opts.Now()) {
		return fmt.Errorf("%w: nonce %q already used", ErrReplay, res.Matches[0].Nonce)
	}
	return nil
}

// replayKeys returns one key per matched (nonce, signature) pair. Every matching pair is
// remembered, so that replaying a request with only some of its headers is caught as well. The
// signature is re-encoded so that padded and unpadded spellings are the same pair.
func replayKeys(matches []Match) []string {
	keys := make([]string, 0, len(matches))
	for _, m := range matches {
		var buf [64]byte
		raw, _ := decodeSignature(buf[:], m.Signature)
		keys = append(keys, m.Nonce+"\x00"+base64.StdEncoding.EncodeToString(raw))
	}
	return keys
}

// request rebuilds what Vobiz signed: the public URL, the method and, when a scheme needs them,
// the form parameters (the body is put back for the next handler).
func (m *middleware) request(r *http.Request) (Request, error) {
	req := Request{URL: m.publicURL(r), Method: r.Method}
	if !m.needBody || r.Body == nil || !isForm(r.Header.Get("Content-Type")) {
		return req, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, m.opts.MaxBodyBytes+1))
	if err != nil {
		return req, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > m.opts.MaxBodyBytes {
		return req, fmt.Errorf("body larger than %d bytes", m.opts.MaxBodyBytes)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if req.Params, err = url.ParseQuery(string(body)); err != nil {
		return req, fmt.Errorf("parse form body: %w", err)
	}
	return req, nil
}

func isForm(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/x-www-form-urlencoded"
}

// publicURL returns the URL Vobiz called for r.
func (m *middleware) publicURL(r *http.Request) string {
	p := urlParts{scheme: "http", host: r.Host, path: r.URL.EscapedPath(), query: r.URL.RawQuery}
	if r.TLS != nil {
		p.scheme = "https"
	}
	switch {
	case m.base != nil:
		p.scheme, p.host, p.path = m.base.scheme, m.base.host, m.base.path+p.path
	case m.opts.TrustForwardedHeaders:
		if proto := strings.ToLower(firstToken(r.Header.Get("X-Forwarded-Proto"))); proto == "http" || proto == "https" {
			p.scheme = proto
		}
		if host := firstToken(r.Header.Get("X-Forwarded-Host")); host != "" && !strings.ContainsAny(host, "/?#@ ") {
			p.host = host
		}
	}
	return p.full()
}

// firstToken returns the first comma-separated element, which the proxy nearest the client set.
func firstToken(v string) string {
	first, _, _ := strings.Cut(v, ",")
	return strings.TrimSpace(first)
}
