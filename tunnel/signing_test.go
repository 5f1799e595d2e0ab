package tunnel

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vobizctl/vobizctl/signature"
)

// TestSignatureVerifierThroughTheProxy signs requests with package signature the way Vobiz does
// and checks what the proxy reports with the real verifier behind it.
func TestSignatureVerifierThroughTheProxy(t *testing.T) {
	v, err := NewSignatureVerifier(testToken, "")
	if err != nil {
		t.Fatal(err)
	}
	ok := func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<Response/>") }
	sign := func(u string) http.Header {
		hs, err := signature.Sign(signature.SignOptions{Token: testToken, Nonce: signature.FixedNonce("12345678901234567890")}, signature.Request{URL: u})
		if err != nil {
			t.Fatal(err)
		}
		h := http.Header{}
		hs.Apply(h)
		return h
	}
	tests := []struct {
		name      string
		header    http.Header
		want      SignatureStatus
		wantCause string
	}{
		{"signed for the public URL", sign("https://pub.example.test/answer"), SignatureValid, ""},
		{"signed for http instead of https", sign("http://pub.example.test/answer"), SignatureInvalid, "the platform called http://"},
		{"signed with a trailing slash", sign("https://pub.example.test/answer/"), SignatureInvalid, "trailing slash"},
		{"unsigned", http.Header{}, SignatureUnsigned, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, got := proxyPair(t, ok, ProxyOptions{Verifier: v})
			postForm(t, front.URL+"/answer", url.Values{"Event": {"StartApp"}}, tt.header)
			sig := got.wait(t, 1).Signature
			if sig.Status != tt.want || !strings.Contains(sig.Cause, tt.wantCause) {
				t.Fatalf("signature = %+v, want %s with a cause mentioning %q", sig, tt.want, tt.wantCause)
			}
		})
	}
}

func TestSignatureSignerMatchesTheVerifier(t *testing.T) {
	s, err := NewSignatureSigner(testToken, "")
	if err != nil {
		t.Fatal(err)
	}
	v, _ := NewSignatureVerifier(testToken, "")
	h := http.Header{}
	if err := s.SignRequest("https://pub.example.test/hangup", "POST", url.Values{"Event": {"Hangup"}}, h); err != nil {
		t.Fatal(err)
	}
	if got := v.Verify(SignedRequest{URL: "https://pub.example.test/hangup?x=1", Method: "POST", Header: h}); got.Status != SignatureValid {
		t.Fatalf("fresh signature verified as %+v", got)
	}
	if _, err := NewSignatureSigner("", ""); err == nil {
		t.Error("a signer without a token was accepted")
	}
}
