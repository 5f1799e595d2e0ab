package signature

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
)

// Request holds what a signature covers.
type Request struct {
	// URL is the URL Vobiz called, exactly as configured on the platform (the public URL, not the
	// one a server sees behind a tunnel or proxy). It may carry a query string.
	URL string
	// Method is the HTTP method; only PlivoV3 uses it ("GET" builds a query string, anything else
	// the POST form). Empty means POST, the Vobiz default for callbacks.
	Method string
	// Params are the form parameters of the callback. Only PlivoV3 and V1 sign them, with the first
	// value of each key (as the Go SDK's map[string]string does).
	Params url.Values
}

// BaseURL returns the URL with its query string and fragment removed: scheme://host[:port]/path,
// byte for byte as given. This is the string the documented V2 and V3 schemes sign.
//
// Nothing is normalised (no lower-casing, no decoding, no added or removed slash): Vobiz signs
// the URL as configured, and a normalisation that Vobiz does not do would turn a match into a
// mismatch. Explain tries the usual differences instead.
func BaseURL(rawURL string) (string, error) {
	if err := checkURL(rawURL); err != nil {
		return "", err
	}
	return cutBase(rawURL), nil
}

// StringToSign returns the exact string that scheme s signs for req and nonce, before HMAC.
func StringToSign(s Scheme, req Request, nonce string) (string, error) {
	if err := checkURL(req.URL); err != nil {
		return "", err
	}
	b, err := appendMessage(nil, s, &req, nonce)
	return string(b), err
}

func cutBase(rawURL string) string {
	if i := strings.IndexAny(rawURL, "?#"); i >= 0 {
		return rawURL[:i]
	}
	return rawURL
}

// checkURL accepts absolute http and https URLs with a host that net/url can parse, so that every
// scheme (PlivoV3 parses the URL) accepts the same URLs.
func checkURL(rawURL string) error {
	if err := checkURLPrefix(rawURL); err != nil {
		return err
	}
	if _, err := url.Parse(rawURL); err != nil {
		return fmt.Errorf("invalid URL %q: %v", rawURL, errors.Unwrap(err))
	}
	return nil
}

// checkURLPrefix checks the scheme and that there is a host, without allocating.
func checkURLPrefix(rawURL string) error {
	rest, ok := cutPrefixFold(rawURL, "https://")
	if !ok {
		rest, ok = cutPrefixFold(rawURL, "http://")
	}
	if !ok {
		return fmt.Errorf("invalid URL %q: want an absolute http:// or https:// URL", rawURL)
	}
	if end := strings.IndexAny(rest, "/?#"); end == 0 || rest == "" {
		return fmt.Errorf("invalid URL %q: no host", rawURL)
	}
	return nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// appendMessage appends the string scheme s signs to dst. Callers check req.URL first.
func appendMessage(dst []byte, s Scheme, req *Request, nonce string) ([]byte, error) {
	switch s {
	case V3, MAV3:
		dst = append(dst, cutBase(req.URL)...)
		dst = append(dst, '.')
		return append(dst, nonce...), nil
	case V2, MAV2:
		dst = append(dst, cutBase(req.URL)...)
		return append(dst, nonce...), nil
	case PlivoV3:
		dst, err := appendPlivoURL(dst, req)
		if err != nil {
			return dst, err
		}
		dst = append(dst, '.')
		return append(dst, nonce...), nil
	case V1:
		dst = append(dst, req.URL...)
		return appendConcat(dst, firstValues(req.Params)), nil
	}
	return dst, fmt.Errorf("unknown signature scheme %q (want %s)", string(s), schemeList())
}

// appendPlivoURL appends the canonical URL of the Go SDK's GenerateURL (reference §3.2): the
// parsed scheme://host + decoded path, then "?" and the sorted query and/or parameters.
func appendPlivoURL(dst []byte, req *Request) ([]byte, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return dst, fmt.Errorf("invalid URL %q: %v", req.URL, err)
	}
	dst = append(dst, u.Scheme...)
	dst = append(dst, "://"...)
	dst = append(dst, u.Host...)
	dst = append(dst, u.Path...)
	params := firstValues(req.Params)
	if len(params) == 0 && u.RawQuery == "" {
		return dst, nil
	}
	dst = append(dst, '?')
	isGet := strings.EqualFold(req.Method, "GET")
	if u.RawQuery == "" {
		if isGet {
			return appendQuery(dst, params), nil
		}
		return trimRightAmp(appendConcat(dst, params), len(dst)), nil
	}
	query := firstValues(u.Query())
	if isGet {
		for k, v := range params {
			query[k] = v
		}
		return appendQuery(dst, query), nil
	}
	dst = appendQuery(dst, query)
	dst = append(dst, '.')
	return trimRightAmp(appendConcat(dst, params), len(dst)), nil
}

// firstValues keeps the first value of each key, as the Go SDK's map[string]string does.
func firstValues(v url.Values) map[string]string {
	m := make(map[string]string, len(v))
	for k, vs := range v {
		if len(vs) > 0 {
			m[k] = vs[0]
		}
	}
	return m
}

// appendQuery appends k=v pairs joined by "&" in byte order of the keys, unescaped. Like the SDK
// (strings.TrimRight(s, "&")), trailing "&" characters are dropped, even ones inside the last value.
func appendQuery(dst []byte, m map[string]string) []byte {
	start := len(dst)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		dst = append(dst, k...)
		dst = append(dst, '=')
		dst = append(dst, m[k]...)
		dst = append(dst, '&')
	}
	return trimRightAmp(dst, start)
}

// appendConcat appends k+v for every key in byte order, with no separators and no escaping.
func appendConcat(dst []byte, m map[string]string) []byte {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		dst = append(dst, k...)
		dst = append(dst, m[k]...)
	}
	return dst
}

// trimRightAmp drops trailing "&" characters after start, as the SDK's strings.TrimRight(s, "&")
// does for both the query and the concatenated parameters of the PlivoV3 string.

func trimRightAmp(b []byte, start int) []byte {
	for len(b) > start && b[len(b)-1] == '&' {
		b = b[:len(b)-1]
	}
	return b
}
