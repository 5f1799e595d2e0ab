package signature

import (
	"crypto/hmac"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// Verification outcomes. Verify wraps them with details; test with errors.Is.
var (
	// ErrNoSignature means none of the schemes checked had its signature (and nonce) header on the
	// request. Vobiz only signs callbacks whose URL has auth credentials configured; fail closed.
	ErrNoSignature = errors.New("no signature header")
	// ErrMismatch means signature headers were present but none matched.
	ErrMismatch = errors.New("signature mismatch")
)

// VerifyOptions configures verification.
type VerifyOptions struct {
	// Token is the Auth Token of the account that owns the call. Required.
	Token string
	// ParentToken is the parent (main) account's Auth Token for MAV3 and MAV2; empty means Token.
	ParentToken string
	// Schemes to check; empty means DefaultSchemes. A request passes if any of them matches.
	Schemes []Scheme
}

// Match is one signature that verified.
type Match struct {
	Scheme    Scheme `json:"scheme"`
	Nonce     string `json:"nonce,omitempty"`
	Signature string `json:"signature"`
}

// Result lists what Verify checked and what matched.
type Result struct {
	// Checked are the schemes whose headers were present, in checking order.
	Checked []Scheme `json:"checked"`
	// Matches are the signatures that verified (at most one per scheme).
	Matches []Match `json:"matches"`
}

// Verifier checks request signatures. It is safe for concurrent use.
type Verifier struct {
	schemes []Scheme
	keys    *keyring
	scratch sync.Pool
}

// NewVerifier validates opts and returns a Verifier.
func NewVerifier(opts VerifyOptions) (*Verifier, error) {
	if opts.Token == "" {
		return nil, errNoToken
	}
	list, err := checkSchemes(opts.Schemes)
	if err != nil {
		return nil, err
	}
	v := &Verifier{schemes: list, keys: newKeyring(opts.Token, opts.ParentToken)}
	v.scratch.New = func() any { return &scratch{msg: make([]byte, 0, 256)} }
	return v, nil
}

// Verify is a shortcut for NewVerifier(opts) followed by Verifier.Verify.
func Verify(opts VerifyOptions, req Request, h http.Header) (Result, error) {
	v, err := NewVerifier(opts)
	if err != nil {
		return Result{}, err
	}
	return v.Verify(req, h)
}

// Verify checks the signature headers in h against req. It returns a nil error when at least one
// scheme matched; otherwise an error wrapping ErrNoSignature or ErrMismatch, or an error for an
// invalid req.URL. Malformed header values never panic: they simply do not match.
func (v *Verifier) Verify(req Request, h http.Header) (Result, error) {
	if err := checkURL(req.URL); err != nil {
		return Result{}, err
	}
	var res Result
	for _, sc := range v.schemes {
		received, nonce, ok := headerValues(sc, h)
		if !ok {
			continue
		}
		res.Checked = append(res.Checked, sc)
		expected, err := v.digest(sc, &req, nonce, false)
		if err != nil {
			return res, err
		}
		if sig, ok := matchAny(expected, received); ok {
			res.Matches = append(res.Matches, Match{Scheme: sc, Nonce: nonce, Signature: sig})
		}
	}
	switch {
	case len(res.Matches) > 0:
		return res, nil
	case len(res.Checked) == 0:
		return res, fmt.Errorf("%w: none of %s present", ErrNoSignature, headerList(v.schemes))
	}
	return res, fmt.Errorf("%w: checked %s", ErrMismatch, joinSchemes(res.Checked))
}

// digest computes the raw HMAC of scheme sc; swapped selects the other account's token.
func (v *Verifier) digest(sc Scheme, req *Request, nonce string, swapped bool) ([]byte, error) {
	buf := v.scratch.Get().(*scratch)
	defer v.scratch.Put(buf)
	msg, err := appendMessage(buf.msg[:0], sc, req, nonce)
	if err != nil {
		return nil, err
	}
	buf.msg = msg
	return v.keys.keyFor(sc, swapped).sum(nil, msg), nil
}

// headerValues returns the signatures of scheme sc found in h (comma-separated values split,
// spaces trimmed) and its nonce. ok is false when the signature header, or the nonce header the
// scheme needs, is missing.
func headerValues(sc Scheme, h http.Header) (received []string, nonce string, ok bool) {
	info := sc.info()
	if info.nonceHeader != "" {
		nonce = strings.TrimSpace(h.Get(info.nonceHeader))
		if nonce == "" {
			return nil, "", false
		}
	}
	for _, line := range h.Values(info.header) {
		for piece := range strings.SplitSeq(line, ",") {
			if piece = strings.TrimSpace(piece); piece != "" {
				received = append(received, piece)
			}
		}
	}
	return received, nonce, len(received) > 0
}

// matchAny returns the first received signature whose decoded bytes equal expected, compared in
// constant time.
func matchAny(expected []byte, received []string) (string, bool) {
	for _, sig := range received {
		var buf [64]byte
		if got, ok := decodeSignature(buf[:], sig); ok && hmac.Equal(got, expected) {
			return sig, true
		}
	}
	return "", false
}

// decodeSignature decodes standard base64, padded or not, into buf. Values too long to be a
// SHA-256 digest are rejected before decoding.
func decodeSignature(buf []byte, sig string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		if enc.DecodedLen(len(sig)) > len(buf) {
			return nil, false
		}
		if n, err := enc.Decode(buf, []byte(sig)); err == nil {
			return buf[:n], true
		}
	}
	return nil, false
}

func headerList(list []Scheme) string {
	var names []string
	for _, sc := range list {
		name := sc.info().header
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

func joinSchemes(list []Scheme) string {
	names := make([]string, len(list))
	for i, sc := range list {
		names[i] = string(sc)
	}
	return strings.Join(names, ", ")
}
