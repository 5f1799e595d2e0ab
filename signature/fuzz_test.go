package signature

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
)

// FuzzVerifyExplain feeds arbitrary URLs, header values and bodies to Verify and Explain. Neither
// may panic, and both must agree on whether the request verified. `go test` runs the seeds.
func FuzzVerifyExplain(f *testing.F) {
	f.Add("https://example.com/answer", a3V3, a3Nonce, "", "", "POST")
	f.Add("https://example.com/answer?x=1", a3V3+","+a3V2, a3Nonce, "abc.ngrok.app", "CallUUID=abc&To=%2B91", "GET")
	f.Add("http://localhost:8080/", "%%%", "", "a, b, c", "a=1&a=2&;=", "POST")
	f.Add("https://[::1]:443/a%2Fb#frag", "====", "1", `for=x;host="[::1]:80"`, "%zz", "get")
	f.Add("HTTPS://x", "", "nonce", "", "", "")
	f.Add("ftp://x/", a3V3, a3Nonce, "", "", "POST")
	f.Add("https://example.com/answer", "QUFBQQ", "\x00\xff", "host/with/slash", "k=v", "PUT")
	f.Fuzz(func(t *testing.T, rawURL, sig, nonce, fwdHost, body, method string) {
		params, _ := url.ParseQuery(body)
		req := Request{URL: rawURL, Method: method, Params: params}
		h := http.Header{}
		for _, name := range []string{HeaderV3, HeaderMAV3, HeaderV2, HeaderMAV2, HeaderV1} {
			h.Set(name, sig)
		}
		h.Set(HeaderV3Nonce, nonce)
		h.Set(HeaderV2Nonce, nonce+"0")
		h.Set("X-Forwarded-Host", fwdHost)
		opts := VerifyOptions{Token: "MY_AUTH_TOKEN", ParentToken: "PARENT", Schemes: AllSchemes}
		res, verr := Verify(opts, req, h)
		ex, eerr := Explain(ExplainOptions{VerifyOptions: opts}, req, h)
		verified := verr == nil
		badInput := verr != nil && !errors.Is(verr, ErrMismatch) && !errors.Is(verr, ErrNoSignature)
		if badInput != (eerr != nil) {
			t.Fatalf("Verify error %v but Explain error %v", verr, eerr)
		}
		if eerr == nil && ex.Matched != verified {
			t.Fatalf("Verify matched %v (%+v) but Explain matched %v", verified, res.Matches, ex.Matched)
		}
	})
}
