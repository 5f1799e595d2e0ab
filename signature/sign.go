package signature

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// SignOptions configures a Signer.
type SignOptions struct {
	// Token is the Auth Token of the account that owns the call (the sub-account's token for a
	// sub-account). Required.
	Token string
	// ParentToken is the parent (main) account's Auth Token, used by MAV3 and MAV2. Empty means
	// Token, which is what Vobiz sends for an account that is not a sub-account.
	ParentToken string
	// Schemes to sign; empty means DefaultSchemes.
	Schemes []Scheme
	// Nonce supplies nonces; nil means RandomNonce. V3-family and V2-family schemes get separate
	// nonces, as Vobiz sends them.
	Nonce NonceFunc
}

// Header is one HTTP header to add to a signed request. Name is spelled as the Vobiz docs spell it.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Headers is an ordered list of headers: each signature header followed by its nonce header the
// first time that nonce is used.
type Headers []Header

// Get returns the value of the header called name (case-insensitive), or "".
func (h Headers) Get(name string) string {
	for _, x := range h {
		if strings.EqualFold(x.Name, name) {
			return x.Value
		}
	}
	return ""
}

// Apply sets every header on dst, replacing earlier values.
func (h Headers) Apply(dst http.Header) {
	for _, x := range h {
		dst.Set(x.Name, x.Value)
	}
}

// Signer signs requests the way Vobiz does. It is safe for concurrent use and built once per token
// set: the HMAC keys and buffers are reused, so that a load run signing every request stays cheap.
type Signer struct {
	schemes []Scheme
	keys    *keyring
	nonce   NonceFunc
	scratch sync.Pool
	lastURL atomic.Pointer[string] // the last URL that passed checkURL
}

// scratch holds the per-call buffers.
type scratch struct {
	msg []byte
	sum [64]byte
	b64 [88]byte
}

// errNoToken is returned for an empty token; it never includes a token value.
var errNoToken = errors.New("no auth token given")

// NewSigner validates opts and returns a Signer.
func NewSigner(opts SignOptions) (*Signer, error) {
	if opts.Token == "" {
		return nil, errNoToken
	}
	list, err := checkSchemes(opts.Schemes)
	if err != nil {
		return nil, err
	}
	s := &Signer{schemes: list, keys: newKeyring(opts.Token, opts.ParentToken), nonce: opts.Nonce}
	if s.nonce == nil {
		s.nonce = RandomNonce
	}
	s.scratch.New = func() any { return &scratch{msg: make([]byte, 0, 256)} }
	return s, nil
}

// Sign is a shortcut for NewSigner(opts) followed by Signer.Sign.
func Sign(opts SignOptions, req Request) (Headers, error) {
	s, err := NewSigner(opts)
	if err != nil {
		return nil, err
	}
	return s.Sign(req)
}

// Sign returns the headers Vobiz would send with req.
func (s *Signer) Sign(req Request) (Headers, error) {
	return s.AppendHeaders(make(Headers, 0, 2*len(s.schemes)), req)
}

// SignTo sets the signature headers of req on dst (an outgoing request's Header).
func (s *Signer) SignTo(dst http.Header, req Request) error {
	var buf [12]Header
	hs, err := s.AppendHeaders(buf[:0], req)
	if err != nil {
		return err
	}
	hs.Apply(dst)
	return nil
}

// AppendHeaders appends the headers for req to dst and returns the extended list. Schemes sharing
// a header (V3 and PlivoV3) are joined with "," in one value, which verifiers split.
func (s *Signer) AppendHeaders(dst Headers, req Request) (Headers, error) {
	if err := s.checkURL(req.URL); err != nil {
		return dst, err
	}
	var nonces [2]string // [0] V3 family, [1] V2 family
	for _, sc := range s.schemes {
		info := sc.info()
		nonce, fresh, err := s.nonceFor(&nonces, info.nonceHeader)
		if err != nil {
			return dst, err
		}
		sig, err := s.compute(sc, &req, nonce)
		if err != nil {
			return dst, err
		}
		dst = addHeader(dst, info.header, sig)
		if fresh {
			dst = append(dst, Header{Name: info.nonceHeader, Value: nonce})
		}
	}
	return dst, nil
}

// nonceFor returns the nonce of the family that nonceHeader names, drawing it on first use
// (fresh = true).
func (s *Signer) nonceFor(nonces *[2]string, nonceHeader string) (nonce string, fresh bool, err error) {
	slot := 0
	switch nonceHeader {
	case "":
		return "", false, nil
	case HeaderV2Nonce:
		slot = 1
	}
	if nonces[slot] != "" {
		return nonces[slot], false, nil
	}
	n, err := s.nonce()
	if err != nil {
		return "", false, fmt.Errorf("nonce: %w", err)
	}
	if n == "" {
		return "", false, errors.New("nonce source returned an empty nonce")
	}
	nonces[slot] = n
	return n, true, nil
}

func (s *Signer) compute(sc Scheme, req *Request, nonce string) (string, error) {
	buf := s.scratch.Get().(*scratch)
	defer s.scratch.Put(buf)
	msg, err := appendMessage(buf.msg[:0], sc, req, nonce)
	if err != nil {
		return "", err
	}
	buf.msg = msg
	sum := s.keys.keyFor(sc, false).sum(buf.sum[:0], msg)
	n := base64.StdEncoding.EncodedLen(len(sum))
	base64.StdEncoding.Encode(buf.b64[:n], sum)
	return string(buf.b64[:n]), nil
}

// checkURL validates rawURL, remembering the last valid one: a load run signs the same URL many
// times, and parsing it each time would cost allocations.
func (s *Signer) checkURL(rawURL string) error {
	if last := s.lastURL.Load(); last != nil && *last == rawURL {
		return nil
	}
	if err := checkURL(rawURL); err != nil {
		return err
	}
	s.lastURL.Store(&rawURL)
	return nil
}

func addHeader(dst Headers, name, value string) Headers {
	for i := range dst {
		if dst[i].Name == name {
			dst[i].Value += "," + value
			return dst
		}
	}
	return append(dst, Header{Name: name, Value: value})
}
