package signature

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	testToken  = "SUB_ACCOUNT_TOKEN"
	testParent = "PARENT_TOKEN"
	testURL    = "https://example.com/answer"
)

// sequence returns a NonceFunc that hands out nonces in order.
func sequence(nonces ...string) NonceFunc {
	i := 0
	return func() (string, error) {
		n := nonces[i%len(nonces)]
		i++
		return n, nil
	}
}

func mustCompute(t *testing.T, s Scheme, token string, req Request, nonce string) string {
	t.Helper()
	sig, err := Compute(s, token, req, nonce)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

func TestSignHeaders(t *testing.T) {
	req := Request{URL: testURL + "?x=1", Params: url.Values{"CallUUID": {"abc"}}}
	opts := SignOptions{Token: testToken, ParentToken: testParent, Schemes: AllSchemes,
		Nonce: sequence("11111111111111111111", "22222222222222222222")}
	got, err := Sign(opts, req)
	if err != nil {
		t.Fatal(err)
	}
	v3n, v2n := "11111111111111111111", "22222222222222222222"
	want := Headers{
		{HeaderV3, mustCompute(t, V3, testToken, req, v3n) + "," + mustCompute(t, PlivoV3, testToken, req, v3n)},
		{HeaderV3Nonce, v3n},
		{HeaderMAV3, mustCompute(t, MAV3, testParent, req, v3n)},
		{HeaderV2, mustCompute(t, V2, testToken, req, v2n)},
		{HeaderV2Nonce, v2n},
		{HeaderMAV2, mustCompute(t, MAV2, testParent, req, v2n)},
		{HeaderV1, mustCompute(t, V1, testToken, req, "")},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sign headers (-want +got):\n%s", diff)
	}
}

func TestSignDefaultsAndParent(t *testing.T) {
	tests := []struct {
		name   string
		opts   SignOptions
		header string
		want   string
	}{
		{"default schemes include MA-V3", SignOptions{Token: "MY_AUTH_TOKEN"}, HeaderMAV3, "k2DmGg3hj3mlksbzKIiasjQkkJKUtUnMuS5a1YTtDBA="},
		{"empty parent token means the account token", SignOptions{Token: "MY_AUTH_TOKEN"}, HeaderMAV2, "FbvTFtgMiIJOiP9brARtuzpzlFUe7L1BTDYVN+F9Xog="},
		{"fixed nonce for both families", SignOptions{Token: "MY_AUTH_TOKEN"}, HeaderV2Nonce, "12345678901234567890"},
		{"parent token keys MA-V3", SignOptions{Token: "x", ParentToken: "MY_AUTH_TOKEN"}, HeaderMAV3, "k2DmGg3hj3mlksbzKIiasjQkkJKUtUnMuS5a1YTtDBA="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Nonce = FixedNonce("12345678901234567890")
			hs, err := Sign(tt.opts, Request{URL: "https://example.com/answer"})
			if err != nil {
				t.Fatal(err)
			}
			if got := hs.Get(tt.header); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

// TestRoundTrip signs with every scheme alone and verifies the result, with the URL and
// parameters as Vobiz sends them.
func TestRoundTrip(t *testing.T) {
	reqs := []Request{
		{URL: testURL},
		{URL: "http://127.0.0.1:8080/hangup/?CallUUID=q&b=2", Method: "GET"},
		{URL: testURL, Method: "POST", Params: url.Values{"CallUUID": {"abc"}, "From": {"+911234"}, "Event": {"Hangup"}}},
	}
	for _, sc := range AllSchemes {
		for _, req := range reqs {
			t.Run(string(sc)+"/"+req.URL, func(t *testing.T) {
				opts := SignOptions{Token: testToken, ParentToken: testParent, Schemes: []Scheme{sc}}
				hs, err := Sign(opts, req)
				if err != nil {
					t.Fatal(err)
				}
				h := http.Header{}
				hs.Apply(h)
				res, err := Verify(VerifyOptions{Token: testToken, ParentToken: testParent, Schemes: []Scheme{sc}}, req, h)
				if err != nil || len(res.Matches) != 1 {
					t.Fatalf("Verify = %+v, %v", res, err)
				}
				_, err = Verify(VerifyOptions{Token: "other", ParentToken: "other", Schemes: []Scheme{sc}}, req, h)
				if !errors.Is(err, ErrMismatch) {
					t.Errorf("Verify with another token = %v, want ErrMismatch", err)
				}
			})
		}
	}
}

func TestSignErrors(t *testing.T) {
	failing := func() (string, error) { return "", errors.New("entropy gone") }
	tests := []struct {
		name string
		opts SignOptions
		url  string
		want string
	}{
		{"no token", SignOptions{}, testURL, "no auth token"},
		{"unknown scheme", SignOptions{Token: "t", Schemes: []Scheme{"v4"}}, testURL, `unknown signature scheme "v4" (want v3, ma-v3, v2, ma-v2, plivo-v3, v1)`},
		{"relative URL", SignOptions{Token: "t"}, "/answer", `invalid URL "/answer": want an absolute http:// or https:// URL`},
		{"no host", SignOptions{Token: "t"}, "https:///answer", `invalid URL "https:///answer": no host`},
		{"ftp URL", SignOptions{Token: "t"}, "ftp://example.com/x", `invalid URL "ftp://example.com/x"`},
		{"nonce source fails", SignOptions{Token: "t", Nonce: failing}, testURL, "nonce: entropy gone"},
		{"empty nonce", SignOptions{Token: "t", Nonce: FixedNonce("")}, testURL, "nonce source returned an empty nonce"},
		{"plivo URL does not parse", SignOptions{Token: "t", Schemes: []Scheme{PlivoV3}, Nonce: FixedNonce("1")}, "https://exa mple.com:x/", `invalid URL "https://exa mple.com:x/"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Sign(tt.opts, Request{URL: tt.url})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Sign error = %v, want it to contain %q", err, tt.want)
			}
			if tt.opts.Token != "" && strings.Contains(err.Error(), tt.opts.Token+"\"") {
				t.Errorf("error %q shows the token", err)
			}
		})
	}
}

func TestSignToSetsOutgoingHeaders(t *testing.T) {
	s, err := NewSigner(SignOptions{Token: "MY_AUTH_TOKEN", Schemes: []Scheme{V3}, Nonce: FixedNonce("12345678901234567890")})
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{HeaderV3: {"stale"}}
	if err := s.SignTo(h, Request{URL: testURL}); err != nil {
		t.Fatal(err)
	}
	want := http.Header{
		"X-Vobiz-Signature-V3":       {"k2DmGg3hj3mlksbzKIiasjQkkJKUtUnMuS5a1YTtDBA="},
		"X-Vobiz-Signature-V3-Nonce": {"12345678901234567890"},
	}
	if diff := cmp.Diff(want, h); diff != "" {
		t.Errorf("SignTo (-want +got):\n%s", diff)
	}
}

func TestRandomNonce(t *testing.T) {
	pattern := regexp.MustCompile(`^[1-9][0-9]{19}$`)
	seen := map[string]bool{}
	for range 200 {
		n, err := RandomNonce()
		if err != nil {
			t.Fatal(err)
		}
		if !pattern.MatchString(n) {
			t.Fatalf("nonce %q is not 20 digits", n)
		}
		seen[n] = true
	}
	if len(seen) != 200 {
		t.Errorf("200 nonces had %d distinct values", len(seen))
	}
}

func TestAppendDigitsRejectsBiasedBytes(t *testing.T) {
	out := make([]byte, 3)
	n := appendDigits(out, 0, []byte{255, 252, 0, 250, 249, 9})
	if got := string(out[:n]); n != 3 || got != "199" {
		t.Errorf("appendDigits = %q (n=%d), want \"199\"", got, n)
	}
}

// BenchmarkSignerSign measures the load-mode cost: default schemes, random nonces.
func BenchmarkSignerSign(b *testing.B) {
	s, err := NewSigner(SignOptions{Token: testToken, ParentToken: testParent})
	if err != nil {
		b.Fatal(err)
	}
	req := Request{URL: testURL}
	buf := make(Headers, 0, 8)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.AppendHeaders(buf[:0], req); err != nil {
			b.Fatal(err)
		}
	}
}
