package signature

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const (
	v3Nonce = "11111111111111111111"
	v2Nonce = "22222222222222222222"
)

// platformHeaders signs req as the platform would, with fixed nonces.
func platformHeaders(t *testing.T, token, parent string, schemes []Scheme, req Request) http.Header {
	t.Helper()
	opts := SignOptions{Token: token, ParentToken: parent, Schemes: schemes, Nonce: sequence(v3Nonce, v2Nonce)}
	hs, err := Sign(opts, req)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	hs.Apply(h)
	return h
}

func rawHMAC(token, msg string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte(msg))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// TestExplainCauses checks that Explain names each mismatch kind, on the first scheme checked.
func TestExplainCauses(t *testing.T) {
	params := url.Values{"CallUUID": {"abc"}, "Event": {"StartApp"}}
	tests := []struct {
		name      string
		h         http.Header
		checked   Request
		opts      ExplainOptions
		wantKinds []CauseKind
		wantURL   string
	}{
		{"http vs https",
			platformHeaders(t, testToken, "", []Scheme{V3}, Request{URL: "https://example.com/answer"}),
			Request{URL: "http://example.com/answer"}, ExplainOptions{},
			[]CauseKind{CauseScheme}, "https://example.com/answer"},
		{"host from X-Forwarded-Host",
			withHeader(platformHeaders(t, testToken, "", []Scheme{V3}, Request{URL: "https://abc.ngrok.app/answer"}), "X-Forwarded-Host", "abc.ngrok.app"),
			Request{URL: "https://localhost/answer"}, ExplainOptions{},
			[]CauseKind{CauseHost}, "https://abc.ngrok.app/answer"},
		{"host given as a candidate",
			platformHeaders(t, testToken, "", []Scheme{V3}, Request{URL: "https://abc.ngrok.app/answer"}),
			Request{URL: "https://localhost/answer"}, ExplainOptions{Hosts: []string{"abc.ngrok.app"}},
			[]CauseKind{CauseHost}, "https://abc.ngrok.app/answer"},
		{"port",
			platformHeaders(t, testToken, "", []Scheme{V3}, Request{URL: "https://example.com/answer"}),
			Request{URL: "https://example.com:8443/answer"}, ExplainOptions{},
			[]CauseKind{CausePort}, "https://example.com/answer"},
		{"trailing slash",
			platformHeaders(t, testToken, "", []Scheme{V3}, Request{URL: "https://example.com/answer/"}),
			Request{URL: "https://example.com/answer"}, ExplainOptions{},
			[]CauseKind{CauseTrailingSlash}, "https://example.com/answer/"},
		{"percent-decoded path, as the Go SDK signs it",
			header(HeaderV2, rawHMAC(testToken, "https://example.com/calls/a b"+v2Nonce), HeaderV2Nonce, v2Nonce),
			Request{URL: "https://example.com/calls/a%20b"}, ExplainOptions{VerifyOptions: VerifyOptions{Schemes: []Scheme{V2}}},
			[]CauseKind{CausePathEncoding}, "https://example.com/calls/a b"},
		{"query string included",
			header(HeaderV3, rawHMAC(testToken, "https://example.com/answer?app=7."+v3Nonce), HeaderV3Nonce, v3Nonce),
			Request{URL: "https://example.com/answer?app=7"}, ExplainOptions{},
			[]CauseKind{CauseQueryString}, "https://example.com/answer?app=7"},
		{"parent token on the V3 header",
			platformHeaders(t, testParent, "", []Scheme{V3}, Request{URL: testURL}),
			Request{URL: testURL}, ExplainOptions{VerifyOptions: VerifyOptions{ParentToken: testParent}},
			[]CauseKind{CauseToken}, testURL},
		{"Plivo-style string",
			platformHeaders(t, testToken, "", []Scheme{PlivoV3}, Request{URL: testURL, Params: params}),
			Request{URL: testURL, Params: params}, ExplainOptions{},
			[]CauseKind{CausePlivoStyle}, testURL},
		{"nonce of the other header",
			header(HeaderV3, rawHMAC(testToken, testURL+"."+v2Nonce), HeaderV3Nonce, v3Nonce, HeaderV2Nonce, v2Nonce),
			Request{URL: testURL}, ExplainOptions{},
			[]CauseKind{CauseNonce}, testURL},
		{"tunnel: scheme and host together",
			withHeader(platformHeaders(t, testToken, "", []Scheme{V3}, Request{URL: "https://abc.ngrok.app/answer"}), "X-Forwarded-Host", "abc.ngrok.app"),
			Request{URL: "http://localhost:8080/answer"}, ExplainOptions{},
			[]CauseKind{CauseScheme, CauseHost}, "https://abc.ngrok.app/answer"},
		{"wrong token: unknown",
			platformHeaders(t, "SOMEONE_ELSE", "", []Scheme{V3}, Request{URL: testURL}),
			Request{URL: testURL}, ExplainOptions{},
			[]CauseKind{CauseUnknown}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Token = testToken
			ex, err := Explain(tt.opts, tt.checked, tt.h)
			if err != nil {
				t.Fatal(err)
			}
			rep := ex.Schemes[0]
			if ex.Matched || rep.Match || rep.Cause == nil {
				t.Fatalf("report = %+v, want a mismatch with a cause", rep)
			}
			if diff := cmp.Diff(tt.wantKinds, rep.Cause.Kinds); diff != "" {
				t.Errorf("cause kinds (-want +got):\n%s\n%s", diff, rep.Cause.Description)
			}
			if rep.Cause.URL != tt.wantURL {
				t.Errorf("cause URL = %q, want %q", rep.Cause.URL, tt.wantURL)
			}
		})
	}
}

// TestExplainOtherSchemeCauses covers the causes seen on the MA and PlivoV3 reports.
func TestExplainOtherSchemeCauses(t *testing.T) {
	params := url.Values{"CallUUID": {"abc"}}
	tests := []struct {
		name   string
		scheme Scheme
		h      http.Header
		want   CauseKind
	}{
		{"MA-V3 signed with the sub-account token", MAV3,
			header(HeaderMAV3, rawHMAC(testToken, testURL+"."+v3Nonce), HeaderV3Nonce, v3Nonce), CauseToken},
		{"PlivoV3 check of a documented V3 signature", PlivoV3,
			platformHeaders(t, testToken, "", []Scheme{V3}, Request{URL: testURL}), CauseDocsStyle},
		{"V2 header carrying a V3 signature", V2,
			header(HeaderV2, rawHMAC(testToken, testURL+"."+v2Nonce), HeaderV2Nonce, v2Nonce), CauseVersion},
		{"V3 header carrying a V2 signature", V3,
			header(HeaderV3, rawHMAC(testToken, testURL+v3Nonce), HeaderV3Nonce, v3Nonce), CauseVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := ExplainOptions{VerifyOptions: VerifyOptions{Token: testToken, ParentToken: testParent, Schemes: []Scheme{tt.scheme}}}
			ex, err := Explain(opts, Request{URL: testURL, Params: params}, tt.h)
			if err != nil {
				t.Fatal(err)
			}
			if c := ex.Schemes[0].Cause; c == nil || len(c.Kinds) != 1 || c.Kinds[0] != tt.want {
				t.Errorf("cause = %+v, want %s", c, tt.want)
			}
		})
	}
}

func withHeader(h http.Header, name, value string) http.Header {
	h.Set(name, value)
	return h
}

// TestExplainGolden compares a full explanation (a request behind a tunnel, signed with every
// documented scheme) with testdata/explain/tunnel.json.
func TestExplainGolden(t *testing.T) {
	h := platformHeaders(t, testToken, testParent, DefaultSchemes, Request{URL: "https://abc.ngrok.app/answer"})
	h.Set("X-Forwarded-Host", "abc.ngrok.app")
	h.Set("X-Forwarded-Proto", "https")
	opts := ExplainOptions{VerifyOptions: VerifyOptions{Token: testToken, ParentToken: testParent, Schemes: AllSchemes}}
	ex, err := Explain(opts, Request{URL: "http://localhost:8080/answer?CallUUID=abc"}, h)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(ex, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "explain", "tunnel.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./signature/... -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
		t.Errorf("explanation differs from %s (-want +got):\n%s", golden, diff)
	}
}

func TestExplainMatchAndMissing(t *testing.T) {
	h := header(HeaderV3, a3V3, HeaderV3Nonce, a3Nonce)
	ex, err := Explain(ExplainOptions{VerifyOptions: VerifyOptions{Token: "MY_AUTH_TOKEN"}}, Request{URL: testURL}, h)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Scheme           Scheme
		Present, Match   bool
		Signed, Expected string
		HasCause         bool
	}
	var got []row
	for _, r := range ex.Schemes {
		got = append(got, row{r.Scheme, r.Present, r.Match, r.SignedString, r.Expected, r.Cause != nil})
	}
	want := []row{
		{V3, true, true, testURL + "." + a3Nonce, a3V3, false},
		{MAV3, false, false, testURL + "." + a3Nonce, a3V3, false},
		{V2, false, false, testURL, rawHMAC("MY_AUTH_TOKEN", testURL), false},
		{MAV2, false, false, testURL, rawHMAC("MY_AUTH_TOKEN", testURL), false},
	}
	if !ex.Matched {
		t.Error("Matched = false, want true")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reports (-want +got):\n%s", diff)
	}
}

func TestHostCandidates(t *testing.T) {
	got := hostCandidates("localhost:8080", []string{"abc.ngrok.app", "bad/host", ""})
	want := []string{"localhost:8080", "localhost", "localhost:443", "localhost:80",
		"abc.ngrok.app:8080", "abc.ngrok.app", "abc.ngrok.app:443", "abc.ngrok.app:80"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hostCandidates (-want +got):\n%s", diff)
	}
	many := make([]string, 100)
	for i := range many {
		many[i] = "h" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ":1" + string(rune('0'+i%10))
	}
	if n := len(hostCandidates("x", many)); n > (maxHosts+3)*maxHosts+1 {
		t.Errorf("hostCandidates returned %d hosts, want at most %d", n, (maxHosts+3)*maxHosts+1)
	}
}

func TestForwardedHosts(t *testing.T) {
	h := header("X-Forwarded-Host", "a.example, b.example", "Forwarded", `for=1.2.3.4;host="c.example";proto=https, host=d.example`, "X-Original-Host", "e.example")
	want := []string{"a.example", "b.example", "e.example", "c.example", "d.example"}
	if diff := cmp.Diff(want, forwardedHosts(h)); diff != "" {
		t.Errorf("forwardedHosts (-want +got):\n%s", diff)
	}
}
