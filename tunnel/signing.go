package tunnel

import (
	"net/http"
	"net/url"

	"github.com/vobizctl/vobizctl/signature"
)

// SignatureVerifier is the Verifier backed by package signature: the documented schemes (V3,
// MA-V3, V2, MA-V2), and on a mismatch the likely cause that `vobizctl verify --explain` reports.
type SignatureVerifier struct {
	opts signature.ExplainOptions
}

// NewSignatureVerifier checks with token (the account that owns the calls) and parentToken (the
// main account's, for the MA schemes; empty means token).
func NewSignatureVerifier(token, parentToken string) (*SignatureVerifier, error) {
	opts := signature.ExplainOptions{VerifyOptions: signature.VerifyOptions{Token: token, ParentToken: parentToken}}
	if _, err := signature.NewVerifier(opts.VerifyOptions); err != nil {
		return nil, err
	}
	return &SignatureVerifier{opts: opts}, nil
}

// Verify checks r against its public URL.
func (v *SignatureVerifier) Verify(r SignedRequest) SignatureCheck {
	ex, err := signature.Explain(v.opts, signature.Request{URL: r.URL, Method: r.Method, Params: r.Params}, r.Header)
	if err != nil {
		return SignatureCheck{Status: SignatureInvalid, Cause: err.Error()}
	}
	var firstMismatch *signature.SchemeReport
	for i, rep := range ex.Schemes {
		switch {
		case rep.Match:
			return SignatureCheck{Status: SignatureValid, Scheme: string(rep.Scheme)}
		case rep.Present && firstMismatch == nil:
			firstMismatch = &ex.Schemes[i]
		}
	}
	if firstMismatch == nil {
		return SignatureCheck{Status: SignatureUnsigned}
	}
	c := SignatureCheck{Status: SignatureInvalid, Scheme: string(firstMismatch.Scheme)}
	if firstMismatch.Cause != nil {
		c.Cause, c.SignedURL = firstMismatch.Cause.Description, firstMismatch.Cause.URL
	}
	return c
}

// SignatureSigner is the Signer backed by package signature: it adds the documented headers
// with fresh random nonces, as Vobiz sends them.
type SignatureSigner struct {
	s *signature.Signer
}

// NewSignatureSigner signs with token and parentToken (empty means token).
func NewSignatureSigner(token, parentToken string) (*SignatureSigner, error) {
	s, err := signature.NewSigner(signature.SignOptions{Token: token, ParentToken: parentToken})
	if err != nil {
		return nil, err
	}
	return &SignatureSigner{s: s}, nil
}

// SignRequest sets the signature headers for a request to publicURL on h.
func (s *SignatureSigner) SignRequest(publicURL, method string, params url.Values, h http.Header) error {
	return s.s.SignTo(h, signature.Request{URL: publicURL, Method: method, Params: params})
}
