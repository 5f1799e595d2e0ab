package signature

import (
	"encoding/base64"
	"net/http"
)

// CauseKind names one difference between what the platform signed and what was checked.
type CauseKind string

// The differences Explain tries. Each is a common reason why a genuine request fails to verify.
const (
	// CauseScheme: http vs https — TLS ends at a proxy or tunnel in front of the server.
	CauseScheme CauseKind = "scheme"
	// CauseHost: a different host name — a tunnel or proxy rewrote the Host header.
	CauseHost CauseKind = "host"
	// CausePort: the same host with a different (or no) port.
	CausePort CauseKind = "port"
	// CauseTrailingSlash: the path with or without a trailing slash.
	CauseTrailingSlash CauseKind = "trailing-slash"
	// CausePathEncoding: the path signed percent-decoded (as Go's url.URL.Path, which the Vobiz Go
	// SDK uses) or percent-encoded, where the other form was checked.
	CausePathEncoding CauseKind = "path-encoding"
	// CauseQueryString: the signed string kept the query string that Vobiz strips.
	CauseQueryString CauseKind = "query-string"
	// CauseToken: signed with the other account's token (parent vs sub-account).
	CauseToken CauseKind = "token"
	// CausePlivoStyle: signed with the Plivo-style V3 string (URL + sorted form parameters) that
	// the Vobiz Go SDK computes.
	CausePlivoStyle CauseKind = "plivo-style"
	// CauseDocsStyle: a PlivoV3 check failed because the documented baseURL.nonce string was signed.
	CauseDocsStyle CauseKind = "docs-style"
	// CauseVersion: signed with the other version's formula (V3's baseURL + "." + nonce for a V2
	// header, or V2's baseURL + nonce for a V3 header).
	CauseVersion CauseKind = "version"
	// CauseNonce: signed with the nonce of the other header family (V2 nonce for V3 or vice versa).
	CauseNonce CauseKind = "nonce-header"
	// CauseUnknown: no variant matched.
	CauseUnknown CauseKind = "unknown"
)

// ExplainOptions configures Explain.
type ExplainOptions struct {
	VerifyOptions
	// Hosts are other host[:port] values the platform may have called, such as a tunnel's public
	// host. Host, X-Forwarded-Host, X-Original-Host and Forwarded host= values in the request
	// headers are tried as well.
	Hosts []string
}

// Explanation is the per-scheme account of a verification.
type Explanation struct {
	// URL is the URL that was checked.
	URL string `json:"url"`
	// Matched is true when at least one scheme verified as is.
	Matched bool           `json:"matched"`
	Schemes []SchemeReport `json:"schemes"`
}

// SchemeReport explains one scheme.
type SchemeReport struct {
	Scheme      Scheme `json:"scheme"`
	Header      string `json:"header"`
	NonceHeader string `json:"nonce_header,omitempty"`
	Nonce       string `json:"nonce,omitempty"`
	// Present is false when the signature header (or the nonce it needs) is missing.
	Present bool `json:"present"`
	// SignedString is the exact string signed for URL with this scheme.
	SignedString string `json:"signed_string"`
	// Expected is the signature computed from SignedString; Received are the header's values.
	Expected string   `json:"expected"`
	Received []string `json:"received,omitempty"`
	Match    bool     `json:"match"`
	// Inferred is true for schemes whose formula Vobiz does not document (V1).
	Inferred bool `json:"inferred,omitempty"`
	// Cause explains a mismatch; nil when the scheme matched or its header is missing.
	Cause *Cause `json:"cause,omitempty"`
}

// Cause is the likely reason for a mismatch: the variant that would have matched.
type Cause struct {
	// Kinds lists every difference of the matching variant, or just CauseUnknown.
	Kinds []CauseKind `json:"kinds"`
	// Description says in words what differs and what to do.
	Description string `json:"description"`
	// URL is the URL the platform most likely signed (empty for CauseUnknown).
	URL string `json:"url,omitempty"`
	// SignedString is the string whose signature matched (empty for CauseUnknown).
	SignedString string `json:"signed_string,omitempty"`
}

// Explain checks every scheme in opts and, for each mismatch, tries the variants listed under
// CauseKind (alone and combined, fewest differences first) to name the likely cause. It returns
// an error only for missing options or an invalid URL; a mismatch is data, not an error.
func Explain(opts ExplainOptions, req Request, h http.Header) (Explanation, error) {
	v, err := NewVerifier(opts.VerifyOptions)
	if err != nil {
		return Explanation{}, err
	}
	if err := checkURL(req.URL); err != nil {
		return Explanation{}, err
	}
	canSwap := opts.ParentToken != "" && opts.ParentToken != opts.Token
	hosts := append(append([]string(nil), opts.Hosts...), forwardedHosts(h)...)
	ex := Explanation{URL: req.URL}
	for _, sc := range v.schemes {
		rep, err := v.report(sc, &req, h, hosts, canSwap)
		if err != nil {
			return ex, err
		}
		ex.Matched = ex.Matched || rep.Match
		ex.Schemes = append(ex.Schemes, rep)
	}
	return ex, nil
}

// report builds the SchemeReport of sc.
func (v *Verifier) report(sc Scheme, req *Request, h http.Header, hosts []string, canSwap bool) (SchemeReport, error) {
	info := sc.info()
	received, nonce, present := headerValues(sc, h)
	if !present {
		nonce = h.Get(info.nonceHeader)
	}
	msg, err := appendMessage(nil, sc, req, nonce)
	if err != nil {
		return SchemeReport{}, err
	}
	expected := v.keys.keyFor(sc, false).sum(nil, msg)
	rep := SchemeReport{
		Scheme: sc, Header: info.header, NonceHeader: info.nonceHeader, Nonce: nonce,
		Present: present, SignedString: string(msg), Received: received, Inferred: info.inferred,
		Expected: base64.StdEncoding.EncodeToString(expected),
	}
	if !present {
		return rep, nil
	}
	if _, ok := matchAny(expected, received); ok {
		rep.Match = true
		return rep, nil
	}
	in := variantInput{sc: sc, req: req, nonce: nonce, hosts: hosts, canSwap: canSwap}
	in.otherNonce, in.otherNonceHeader = otherNonce(sc, h)
	rep.Cause = v.findCause(in, received)
	return rep, nil
}

// findCause returns the first variant (fewest differences first) whose signature is among
// received, or an unknown cause.
func (v *Verifier) findCause(in variantInput, received []string) *Cause {
	for _, vr := range buildVariants(in) {
		sum := v.keys.keyFor(in.sc, vr.swapped).sum(nil, []byte(vr.message))
		if _, ok := matchAny(sum, received); ok {
			return &Cause{Kinds: vr.kinds, Description: describe(vr), URL: vr.url, SignedString: vr.message}
		}
	}
	return &Cause{Kinds: []CauseKind{CauseUnknown}, Description: unknownDescription}
}

// otherNonce returns the nonce of the other header family, for the nonce-header variant.
func otherNonce(sc Scheme, h http.Header) (nonce, header string) {
	switch sc.info().nonceHeader {
	case HeaderV3Nonce:
		header = HeaderV2Nonce
	case HeaderV2Nonce:
		header = HeaderV3Nonce
	default:
		return "", ""
	}
	return h.Get(header), header
}
