package tunnel

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Signer signs a request the way Vobiz would, for the public URL the platform calls.
type Signer interface {
	// SignRequest sets fresh signature headers on h.
	SignRequest(publicURL, method string, params url.Values, h http.Header) error
}

// ReplayOptions configure Replay.
type ReplayOptions struct {
	// Target is the local server; nil means the one the exchange was sent to.
	Target *url.URL
	// Signer signs the request afresh; nil sends it unsigned (the logged signatures are always
	// dropped: their nonces were used once already).
	Signer Signer
	// Verifier and Linter check the replayed exchange as the proxy does.
	Verifier Verifier
	Linter   ReplyLinter
	// Secrets never appear in the result.
	Secrets []string
	// Transport reaches the local server; nil means a direct transport.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// hopHeaders are not copied from a logged request: they describe the old connection, the old
// body encoding or the old signatures.
var hopHeaders = []string{
	"Connection", "Keep-Alive", "Proxy-Connection", "Te", "Trailer", "Transfer-Encoding", "Upgrade",
	"Content-Length", "Accept-Encoding", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
}

// Replay re-sends a logged exchange's request to the local server, freshly signed for the same
// public URL, and returns the new exchange (ReplayOf set). A local server that is down is
// reported in the exchange's Error, not as an error.
func Replay(ctx context.Context, ex Exchange, opts ReplayOptions) (Exchange, error) {
	if ex.Request.Truncated {
		return Exchange{}, fmt.Errorf("exchange %q: the log holds only %d of the request's %d bytes; it cannot be replayed", ex.ID, len(ex.Request.Body), ex.Request.Size)
	}
	body, err := ex.Request.BodyBytes()
	if err != nil {
		return Exchange{}, fmt.Errorf("exchange %q: damaged body in the log: %v", ex.ID, err)
	}
	target, err := replayTarget(ex, opts.Target)
	if err != nil {
		return Exchange{}, err
	}
	req, err := replayRequest(ctx, ex, body)
	if err != nil {
		return Exchange{}, err
	}
	base := publicBase(ex)
	if opts.Signer != nil {
		signURL := ex.PublicURL
		if signURL == "" {
			signURL = strings.TrimRight(target.String(), "/") + ex.Request.URI
		}
		params := requestParams(ex.Request, body, false)
		if err := opts.Signer.SignRequest(signURL, ex.Request.Method, params, req.Header); err != nil {
			return Exchange{}, fmt.Errorf("cannot sign the replayed request: %w", err)
		}
	}
	return serveReplay(req, ex, target, base, opts)
}

func replayTarget(ex Exchange, override *url.URL) (*url.URL, error) {
	if override != nil {
		return override, nil
	}
	u, err := url.Parse(ex.Target)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("exchange %q names no usable local server (%q); pass --to or --port", ex.ID, ex.Target)
	}
	return u, nil
}

// replayRequest rebuilds the inbound request as the platform sent it, minus hop-by-hop and
// signature headers.
func replayRequest(ctx context.Context, ex Exchange, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, ex.Request.Method, "http://replay.invalid"+ex.Request.URI, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("exchange %q: cannot rebuild the request: %v", ex.ID, err)
	}
	req.Header = ex.Request.Header.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	for _, h := range hopHeaders {
		req.Header.Del(h)
	}
	for name := range req.Header {
		if strings.HasPrefix(name, "X-Vobiz-Signature") || strings.HasPrefix(name, "X-Plivo-Signature") {
			delete(req.Header, name)
		}
	}
	req.Header.Set("X-Vobizctl-Replay", ex.ID)
	return req, nil
}

// publicBase is the public base URL of a logged exchange: its public URL without the URI.
func publicBase(ex Exchange) string {
	if ex.PublicURL == "" || !strings.HasSuffix(ex.PublicURL, ex.Request.URI) {
		return ""
	}
	return strings.TrimSuffix(ex.PublicURL, ex.Request.URI)
}

// serveReplay sends req through a proxy of its own, so the replay is inspected exactly like a
// live request.
func serveReplay(req *http.Request, ex Exchange, target *url.URL, base string, opts ReplayOptions) (Exchange, error) {
	var out Exchange
	p, err := NewProxy(ProxyOptions{
		Target: target, Verifier: opts.Verifier, Linter: opts.Linter, Secrets: opts.Secrets,
		Transport: opts.Transport, Now: opts.Now, OnExchange: func(e Exchange) { out = e },
	})
	if err != nil {
		return Exchange{}, err
	}
	req.Host = target.Host
	if base != "" {
		if err := p.SetPublicURL(base); err != nil {
			return Exchange{}, err
		}
	}
	serveRecovering(p, req)
	out.ID, out.ReplayOf = ex.ID+"-replay", ex.ID
	return out, nil
}

// serveRecovering runs the proxy for a replay; a reply cut off midway is already in the
// exchange (as its error), so the abort that net/http would swallow is swallowed here too.
func serveRecovering(p *Proxy, req *http.Request) {
	defer func() {
		if v := recover(); v != nil && v != http.ErrAbortHandler {
			panic(v)
		}
	}()
	p.ServeHTTP(discardResponse{h: http.Header{}}, req)
}

// discardResponse is the client side of a replay: the proxy's own record keeps the response.
type discardResponse struct{ h http.Header }

func (d discardResponse) Header() http.Header         { return d.h }
func (d discardResponse) Write(b []byte) (int, error) { return len(b), nil }
func (d discardResponse) WriteHeader(int)             {}
func (d discardResponse) Flush()                      {}
