package tunnel

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// ProxyOptions configures the inspecting proxy.
type ProxyOptions struct {
	// Target is the local server, e.g. http://localhost:3000. Required.
	Target *url.URL
	// Verifier checks signatures against the public URL; nil leaves them unchecked.
	Verifier Verifier
	// Linter lints XML replies; nil leaves them unlinted.
	Linter ReplyLinter
	// OnExchange receives every finished exchange, from the request's goroutine.
	OnExchange func(Exchange)
	// Secrets are values (the auth token) that never appear in an Exchange.
	Secrets []string
	// CaptureLimit caps the copy of each body; 0 means DefaultCaptureLimit.
	CaptureLimit int
	// Transport reaches the local server; nil means a direct (never proxied) transport.
	Transport http.RoundTripper
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Proxy is the inspecting reverse proxy between the tunnel and the local server. Requests and
// responses stream through unchanged (httputil.ReverseProxy, flushed as they come); a capped copy
// of each body is kept to report the exchange.
type Proxy struct {
	opts        ProxyOptions
	rp          *httputil.ReverseProxy
	public      atomic.Pointer[url.URL]
	seq         atomic.Int64
	healthPath  string
	healthToken string
}

type stateKey struct{}

// exchangeState follows one request through the reverse proxy's hooks.
type exchangeState struct {
	start    time.Time
	ex       Exchange
	reqBody  *capture
	respBody *capture
	resp     *http.Response
	err      error
	finished bool
}

// NewProxy returns a proxy to opts.Target.
func NewProxy(opts ProxyOptions) (*Proxy, error) {
	if opts.Target == nil || opts.Target.Host == "" || (opts.Target.Scheme != "http" && opts.Target.Scheme != "https") {
		return nil, fmt.Errorf("invalid local server URL %v: want http://host:port", opts.Target)
	}
	if opts.CaptureLimit <= 0 {
		opts.CaptureLimit = DefaultCaptureLimit
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Transport == nil {
		opts.Transport = localTransport()
	}
	token, err := randomHex(16)
	if err != nil {
		return nil, err
	}
	p := &Proxy{opts: opts, healthToken: token, healthPath: "/.well-known/vobizctl-tunnel/" + token}
	p.rp = &httputil.ReverseProxy{
		Rewrite:        p.rewrite,
		Transport:      opts.Transport,
		FlushInterval:  -1,
		ModifyResponse: p.modifyResponse,
		ErrorHandler:   p.errorHandler,
		ErrorLog:       log.New(io.Discard, "", 0),
	}
	return p, nil
}

// localTransport talks to the local server directly: never through HTTP_PROXY, and with no
// overall timeout, since a developer may sit on a breakpoint.
func localTransport() *http.Transport {
	return &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 8,
		IdleConnTimeout:     90 * time.Second,
	}
}

// SetPublicURL tells the proxy the tunnel's public base URL, once the provider knows it.
func (p *Proxy) SetPublicURL(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("invalid public URL %q: %w", base, err)
	}
	p.public.Store(u)
	return nil
}

// HealthPath is the path the proxy answers itself, for the health check through the tunnel.
func (p *Proxy) HealthPath() string { return p.healthPath }

// HealthToken is the body the proxy answers on HealthPath.
func (p *Proxy) HealthToken() string { return p.healthToken }

// ServeHTTP forwards one request and reports the exchange.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == p.healthPath {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, p.healthToken)
		return
	}
	st := &exchangeState{start: p.opts.Now()}
	st.ex = Exchange{
		Type: "exchange", ID: strconv.FormatInt(p.seq.Add(1), 10), Time: st.start,
		Target:  p.opts.Target.String(),
		Request: Message{Method: r.Method, URI: r.URL.RequestURI(), Header: r.Header.Clone()},
	}
	if r.Body != nil && r.Body != http.NoBody {
		st.reqBody = newCapture(r.Body, p.opts.CaptureLimit)
		r.Body = keepOpen{st.reqBody}
	}
	defer p.reportAbort(st)
	p.rp.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), stateKey{}, st)))
	if st.err != nil {
		st.reqBody.drain()
	}
	st.finished = true
	p.finish(st)
}

// errCutOff records a reply that broke off after its headers were sent.
var errCutOff = errors.New("the reply was cut off after its headers: the local server or the caller closed the connection")

// reportAbort still reports an exchange when the reverse proxy aborts mid-reply (it panics with
// http.ErrAbortHandler once headers are out), then lets the panic go on to net/http.
func (p *Proxy) reportAbort(st *exchangeState) {
	if st.finished {
		return
	}
	v := recover()
	st.err = errCutOff
	p.finish(st)
	if v != nil {
		panic(v)
	}
}

// rewrite points the request at the local server. The Host header and X-Forwarded-Host/-Proto
// carry the public URL, so a server that rebuilds its own URL (to check signatures) sees the URL
// the platform called.
func (p *Proxy) rewrite(pr *httputil.ProxyRequest) {
	pr.SetURL(p.opts.Target)
	pr.SetXForwarded()
	pr.Out.Host = pr.In.Host
	if pub := p.public.Load(); pub != nil {
		pr.Out.Host = pub.Host
		pr.Out.Header.Set("X-Forwarded-Host", pub.Host)
		pr.Out.Header.Set("X-Forwarded-Proto", pub.Scheme)
	}
}

func (p *Proxy) modifyResponse(resp *http.Response) error {
	st, _ := resp.Request.Context().Value(stateKey{}).(*exchangeState)
	if st == nil {
		return nil
	}
	st.resp = resp
	if resp.StatusCode == http.StatusSwitchingProtocols {
		return nil // a WebSocket (audio stream) keeps its raw connection; nothing to inspect
	}
	st.respBody = newCapture(resp.Body, p.opts.CaptureLimit)
	resp.Body = st.respBody
	return nil
}

func (p *Proxy) errorHandler(w http.ResponseWriter, r *http.Request, err error) {
	st, _ := r.Context().Value(stateKey{}).(*exchangeState)
	if st != nil {
		st.err = err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusBadGateway)
	fmt.Fprintf(w, "vobizctl tunnel: %s\n", describeProxyError(p.opts.Target, err))
}

// describeProxyError says in words why the local server gave no response.
func describeProxyError(target *url.URL, err error) string {
	switch {
	case errors.Is(err, errCutOff):
		return err.Error()
	case isConnRefused(err):
		return fmt.Sprintf("local server %s is not listening (connection refused)", target)
	case err == context.Canceled || strings.Contains(err.Error(), context.Canceled.Error()):
		return "the caller went away before the local server answered"
	}
	return fmt.Sprintf("local server %s did not answer: %v", target, err)
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("cannot read random bytes: %w", err)
	}
	return hex.EncodeToString(b), nil
}
