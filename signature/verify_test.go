package signature

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The A3 vector of the reference: token MY_AUTH_TOKEN, https://example.com/answer.
const (
	a3Nonce = "12345678901234567890"
	a3V3    = "k2DmGg3hj3mlksbzKIiasjQkkJKUtUnMuS5a1YTtDBA="
	a3V2    = "FbvTFtgMiIJOiP9brARtuzpzlFUe7L1BTDYVN+F9Xog="
)

func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}

func TestVerify(t *testing.T) {
	opts := VerifyOptions{Token: "MY_AUTH_TOKEN"}
	tests := []struct {
		name    string
		h       http.Header
		want    []Match
		wantErr error
	}{
		{"V3 alone", header(HeaderV3, a3V3, HeaderV3Nonce, a3Nonce), []Match{{V3, a3Nonce, a3V3}}, nil},
		{"lower-case header names", header("x-vobiz-signature-v3", a3V3, "x-vobiz-signature-v3-nonce", a3Nonce), []Match{{V3, a3Nonce, a3V3}}, nil},
		{"comma-separated, second matches", header(HeaderV3, "AAAA, "+a3V3, HeaderV3Nonce, a3Nonce), []Match{{V3, a3Nonce, a3V3}}, nil},
		{"repeated header lines", header(HeaderV3, "bm9wZQ==", HeaderV3, a3V3, HeaderV3Nonce, a3Nonce), []Match{{V3, a3Nonce, a3V3}}, nil},
		{"unpadded base64", header(HeaderV3, strings.TrimRight(a3V3, "="), HeaderV3Nonce, a3Nonce), []Match{{V3, a3Nonce, strings.TrimRight(a3V3, "=")}}, nil},
		{"every documented header", header(HeaderV3, a3V3, HeaderMAV3, a3V3, HeaderV3Nonce, a3Nonce, HeaderV2, a3V2, HeaderMAV2, a3V2, HeaderV2Nonce, a3Nonce),
			[]Match{{V3, a3Nonce, a3V3}, {MAV3, a3Nonce, a3V3}, {V2, a3Nonce, a3V2}, {MAV2, a3Nonce, a3V2}}, nil},
		{"V3 wrong, V2 right", header(HeaderV3, a3V2, HeaderV3Nonce, a3Nonce, HeaderV2, a3V2, HeaderV2Nonce, a3Nonce), []Match{{V2, a3Nonce, a3V2}}, nil},
		{"no headers", http.Header{}, nil, ErrNoSignature},
		{"signature without nonce", header(HeaderV3, a3V3), nil, ErrNoSignature},
		{"nonce without signature", header(HeaderV3Nonce, a3Nonce), nil, ErrNoSignature},
		{"empty pieces only", header(HeaderV3, " , ,", HeaderV3Nonce, a3Nonce), nil, ErrNoSignature},
		{"wrong nonce", header(HeaderV3, a3V3, HeaderV3Nonce, "1"), nil, ErrMismatch},
		{"malformed base64", header(HeaderV3, "%%%not base64%%%", HeaderV3Nonce, a3Nonce), nil, ErrMismatch},
		{"hex digest", header(HeaderV3, "9360e61a0de18f79a592ccf3288a9a8b", HeaderV3Nonce, a3Nonce), nil, ErrMismatch},
		{"very long value", header(HeaderV3, strings.Repeat("A", 10000), HeaderV3Nonce, a3Nonce), nil, ErrMismatch},
		{"truncated signature", header(HeaderV3, a3V3[:20], HeaderV3Nonce, a3Nonce), nil, ErrMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Verify(opts, Request{URL: "https://example.com/answer"}, tt.h)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Verify error = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, res.Matches); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVerifyErrorsNameWhatWasChecked(t *testing.T) {
	opts := VerifyOptions{Token: "MY_AUTH_TOKEN", Schemes: []Scheme{V3, PlivoV3, V2}}
	_, err := Verify(opts, Request{URL: testURL}, http.Header{})
	want := "no signature header: none of X-Vobiz-Signature-V3, X-Vobiz-Signature-V2 present"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
	_, err = Verify(opts, Request{URL: testURL}, header(HeaderV3, "x", HeaderV3Nonce, "1"))
	if want := "signature mismatch: checked v3, plivo-v3"; err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

func TestVerifyBadInput(t *testing.T) {
	tests := []struct {
		name string
		opts VerifyOptions
		url  string
		want string
	}{
		{"no token", VerifyOptions{}, testURL, "no auth token given"},
		{"bad scheme", VerifyOptions{Token: "t", Schemes: []Scheme{"V3"}}, testURL, `unknown signature scheme "V3"`},
		{"bad URL", VerifyOptions{Token: "t"}, "example.com/answer", `invalid URL "example.com/answer"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Verify(tt.opts, Request{URL: tt.url}, header(HeaderV3, a3V3, HeaderV3Nonce, a3Nonce))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
			if errors.Is(err, ErrMismatch) || errors.Is(err, ErrNoSignature) {
				t.Errorf("bad input reported as a verification outcome: %v", err)
			}
		})
	}
}

func TestParseSchemes(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Scheme
		wantErr string
	}{
		{"empty means default", "", DefaultSchemes, ""},
		{"order kept, case folded, duplicates dropped", "V2, plivo-v3,v2", []Scheme{V2, PlivoV3}, ""},
		{"every scheme", "v3,ma-v3,v2,ma-v2,plivo-v3,v1", AllSchemes, ""},
		{"unknown", "v3,sha1", nil, `unknown signature scheme "sha1" (want v3, ma-v3, v2, ma-v2, plivo-v3, v1)`},
		{"empty element", "v3,,v2", nil, `unknown signature scheme ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSchemes(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseSchemes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSchemeMetadata(t *testing.T) {
	type meta struct {
		Header, NonceHeader string
		Parent, Inferred    bool
	}
	want := map[Scheme]meta{
		V3:      {HeaderV3, HeaderV3Nonce, false, false},
		MAV3:    {HeaderMAV3, HeaderV3Nonce, true, false},
		V2:      {HeaderV2, HeaderV2Nonce, false, false},
		MAV2:    {HeaderMAV2, HeaderV2Nonce, true, false},
		PlivoV3: {HeaderV3, HeaderV3Nonce, false, false},
		V1:      {HeaderV1, "", false, true},
	}
	got := map[Scheme]meta{}
	for _, s := range AllSchemes {
		got[s] = meta{s.Header(), s.NonceHeader(), s.UsesParentToken(), s.Inferred()}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scheme metadata (-want +got):\n%s", diff)
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/answer?x=1&y=2", "https://example.com/answer"},
		{"https://example.com/answer#frag", "https://example.com/answer"},
		{"https://example.com/answer/#frag?x", "https://example.com/answer/"},
		{"HTTP://Example.com:8080/a%2Fb?x", "HTTP://Example.com:8080/a%2Fb"},
		{"https://answer.url", "https://answer.url"},
	}
	for _, tt := range tests {
		got, err := BaseURL(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("BaseURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
