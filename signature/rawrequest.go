package signature

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// MaxRawRequestBytes bounds what ReadRawRequest reads: a Vobiz callback is a small form post.
const MaxRawRequestBytes = 1 << 20

// RawRequest is an HTTP request as captured on the wire (by `nc -l`, a proxy, or a log).
type RawRequest struct {
	Method string
	// Target is the request target of the request line, usually the path and query.
	Target string
	// Header holds every header, including Host.
	Header http.Header
	Body   []byte
}

// ReadRawRequest parses an HTTP/1.x request: request line, headers, body. It is lenient with
// hand-edited captures: bare LF line ends are accepted, and a body without Content-Length (or
// shorter than it says) is taken as whatever follows the headers.
func ReadRawRequest(r io.Reader) (*RawRequest, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRawRequestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read request: %w", err)
	}
	if len(data) > MaxRawRequestBytes {
		return nil, fmt.Errorf("request larger than %d bytes", MaxRawRequestBytes)
	}
	br := bufio.NewReader(bytes.NewReader(data))
	req, err := http.ReadRequest(br)
	if err != nil {
		return nil, fmt.Errorf("not an HTTP request (want a request line such as \"POST /answer HTTP/1.1\", headers, a blank line, the body): %v", err)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("read request body: %w", err)
	}
	if req.ContentLength <= 0 && len(req.TransferEncoding) == 0 {
		rest, _ := io.ReadAll(br)
		body = bytes.TrimRight(rest, "\r\n")
	}
	h := req.Header.Clone()
	h.Set("Host", req.Host)
	return &RawRequest{Method: req.Method, Target: req.RequestURI, Header: h, Body: body}, nil
}

// URL returns the URL the platform most likely called: the request target if it is absolute,
// else scheme://host + target, where the scheme is X-Forwarded-Proto (http or https) or else
// https (Vobiz requires HTTPS callback URLs), and the host is X-Forwarded-Host or else Host.
// Forwarded headers are trusted here because the caller inspects a request it captured itself.
func (r *RawRequest) URL() string {
	if strings.HasPrefix(r.Target, "http://") || strings.HasPrefix(r.Target, "https://") {
		return r.Target
	}
	scheme := "https"
	if p := strings.ToLower(firstToken(r.Header.Get("X-Forwarded-Proto"))); p == "http" || p == "https" {
		scheme = p
	}
	host := firstToken(r.Header.Get("X-Forwarded-Host"))
	if host == "" {
		host = r.Header.Get("Host")
	}
	return scheme + "://" + host + r.Target
}

// Params returns the form parameters of the body when it is a form (Content-Type
// application/x-www-form-urlencoded, or no Content-Type at all).
func (r *RawRequest) Params() (url.Values, error) {
	ct := r.Header.Get("Content-Type")
	if ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/x-www-form-urlencoded" {
			return nil, nil
		}
	}
	v, err := url.ParseQuery(string(r.Body))
	if err != nil {
		return nil, fmt.Errorf("form body: %w", err)
	}
	return v, nil
}

// Request returns what a signature over the raw request covers. publicURL, when not empty, is the
// URL the platform called and replaces the one rebuilt from the request.
func (r *RawRequest) Request(publicURL string) (Request, error) {
	params, err := r.Params()
	if err != nil {
		return Request{}, err
	}
	u := publicURL
	if u == "" {
		u = r.URL()
	}
	return Request{URL: u, Method: r.Method, Params: params}, nil
}
