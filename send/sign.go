package send

import (
	"net/http"
	"net/url"
	"slices"

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
	return v.s.SignTo(h, req)
}
