package tunnel

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"syscall"
)

// finish completes the exchange record after the response was copied (or failed) and hands it
// to OnExchange.
func (p *Proxy) finish(st *exchangeState) {
	ex := &st.ex
	ex.DurationMS = float64(p.opts.Now().Sub(st.start).Microseconds()) / 1000
	body, size, truncated := st.reqBody.snapshot()
	ex.Request.setBody(body)
	ex.Request.Size, ex.Request.Truncated = size, truncated
	params := requestParams(ex.Request, body, truncated)
	ex.Event = EventOf(params)
	if pub := p.public.Load(); pub != nil {
		ex.PublicURL = strings.TrimRight(pub.String(), "/") + ex.Request.URI
	}
	if st.err == nil && st.respBody.failed() != nil {
		st.err = errCutOff
	}
	if st.err != nil {
		ex.Error = describeProxyError(p.opts.Target, st.err)
	}
	if st.resp != nil {
		p.recordResponse(ex, st)
	}
	ex.Signature = p.checkSignature(ex, params)
	redactExchange(ex, p.opts.Secrets)
	if p.opts.OnExchange != nil {
		p.opts.OnExchange(*ex)
	}
}

func (p *Proxy) recordResponse(ex *Exchange, st *exchangeState) {
	body, size, truncated := st.respBody.snapshot()
	resp := &Message{Status: st.resp.StatusCode, Header: st.resp.Header.Clone(), Size: size, Truncated: truncated}
	resp.setBody(body)
	ex.Response = resp
	if p.opts.Linter != nil && looksLikeXML(st.resp.Header, body) {
		ex.Lint = p.lintReply(ex, st.resp.Header, body, truncated)
	}
}

// lintReply lints a complete, unencoded XML reply.
func (p *Proxy) lintReply(ex *Exchange, h http.Header, body []byte, truncated bool) *LintSummary {
	if enc := h.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return &LintSummary{Skipped: fmt.Sprintf("reply is %s-encoded", enc)}
	}
	if truncated {
		return &LintSummary{Skipped: fmt.Sprintf("reply is larger than the %d-byte capture limit", p.opts.CaptureLimit)}
	}
	name := "reply:" + ex.Request.URI
	res, err := p.opts.Linter.LintReply(name, body)
	if err != nil {
		return &LintSummary{Skipped: err.Error()}
	}
	return summarize(res)
}

// looksLikeXML reports whether a reply is meant to be XML: an XML content type, or a body that
// starts with "<" under a missing or text/plain content type (a common mistake the linter should
// see). HTML error pages are not linted.
func looksLikeXML(h http.Header, body []byte) bool {
	ct, _, _ := mime.ParseMediaType(h.Get("Content-Type"))
	switch {
	case strings.HasSuffix(ct, "/xml") || strings.HasSuffix(ct, "+xml"):
		return true
	case ct != "" && ct != "text/plain" && ct != "application/octet-stream":
		return false
	}
	return strings.HasPrefix(strings.TrimSpace(string(body)), "<")
}

// checkSignature checks the request against the public URL, or says why it was not.
func (p *Proxy) checkSignature(ex *Exchange, params url.Values) *SignatureCheck {
	if !hasSignatureHeader(ex.Request.Header) {
		return &SignatureCheck{Status: SignatureUnsigned}
	}
	if p.opts.Verifier == nil || ex.PublicURL == "" {
		return &SignatureCheck{Status: SignatureUnchecked}
	}
	c := p.opts.Verifier.Verify(SignedRequest{
		URL: ex.PublicURL, Method: ex.Request.Method, Params: params, Header: ex.Request.Header,
	})
	return &c
}

// hasSignatureHeader reports whether any Vobiz signature header is present.
func hasSignatureHeader(h http.Header) bool {
	for name := range h {
		if strings.HasPrefix(http.CanonicalHeaderKey(name), "X-Vobiz-Signature") {
			return true
		}
	}
	return false
}

// requestParams merges the query parameters with the form body, when the body is a complete
// application/x-www-form-urlencoded form (what Vobiz sends).
func requestParams(m Message, body []byte, truncated bool) url.Values {
	params := url.Values{}
	if u, err := url.ParseRequestURI(m.URI); err == nil {
		params = u.Query()
	}
	ct, _, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" || truncated {
		return params
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return params
	}
	for k, vs := range form {
		params[k] = append(params[k], vs...)
	}
	return params
}

func isConnRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }
