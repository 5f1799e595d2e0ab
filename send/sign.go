package send

import (
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"sync"

	"github.com/vobizctl/vobizctl/signature"
)

// VobizSigner signs requests with the signature package, the way Vobiz does: a fresh nonce for
// the V3 and for the V2 family on every request, HMAC keys reused across requests.
type VobizSigner struct {
	s *signature.Signer
	// params is set when a chosen scheme signs the form (plivo-v3, v1), so that the common case
	// does not convert parameters on every request.
	params bool
}

// NewVobizSigner returns a Signer for the given options (token, parent token, schemes).
func NewVobizSigner(o signature.SignOptions) (*VobizSigner, error) {
	s, err := signature.NewSigner(o)
	if err != nil {
		return nil, err
	}
	params := slices.Contains(o.Schemes, signature.PlivoV3) || slices.Contains(o.Schemes, signature.V1)
	return &VobizSigner{s: s, params: params}, nil
}

// Sign sets the signature headers for in on h.
func (v *VobizSigner) Sign(h http.Header, in SignInput) error {
	req := signature.Request{URL: in.URL, Method: in.Method}
	if v.params {
		req.Params = make(url.Values, len(in.Params))
		for _, p := range in.Params {
			req.Params.Add(p.Name, p.Value)
		}
	}
	var buf [12]signature.Header
	hs, err := v.s.AppendHeaders(buf[:0], req)
	if err != nil {
		return err
	}
	values := make([]string, len(hs)) // one allocation for all the header values
	for i, x := range hs {
		values[i] = x.Value
		h[canonicalHeader(x.Name)] = values[i : i+1 : i+1]
	}
	return nil
}

// canonicalNames maps the signature header names to their canonical form, so that signing many
// requests does not canonicalise the same few names over and over. Built on first use, not at
// package init, so commands other than `send` do not pay for it at startup.
var canonicalNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, name := range []string{signature.HeaderV1, signature.HeaderV2, signature.HeaderV2Nonce, signature.HeaderMAV2,
		signature.HeaderV3, signature.HeaderV3Nonce, signature.HeaderMAV3} {
		m[name] = textproto.CanonicalMIMEHeaderKey(name)
	}
	return m
})

func canonicalHeader(name string) string {
	if c, ok := canonicalNames()[name]; ok {
		return c
	}
	return textproto.CanonicalMIMEHeaderKey(name)
}
