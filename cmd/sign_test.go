package cmd

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/signature"
)

func TestShellQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"POST", "POST"},
		{"https://example.com/a?b=1&c=2", `'https://example.com/a?b=1&c=2'`},
		{"it's", `'it'\''s'`},
		{"", "''"},
		{"$(rm -rf /)", `'$(rm -rf /)'`},
	}
	for _, tt := range tests {
		if got := shellQuote(tt.in); got != tt.want {
			t.Errorf("shellQuote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseData(t *testing.T) {
	tests := []struct {
		name    string
		in      []string
		want    url.Values
		wantErr string
	}{
		{"none", nil, nil, ""},
		{"repeated keys and = in values", []string{"a=1", "a=2", "b=x=y", "c="}, url.Values{"a": {"1", "2"}, "b": {"x=y"}, "c": {""}}, ""},
		{"no =", []string{"a"}, nil, `invalid -d "a": want key=value`},
		{"empty key", []string{"=1"}, nil, `invalid -d "=1": want key=value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseData(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr || ExitCode(err) != ExitUsage {
					t.Fatalf("error = %v, want usage error %q", err, tt.wantErr)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" || err != nil {
				t.Errorf("parseData (-want +got):\n%s (err %v)", diff, err)
			}
		})
	}
}

func TestPrintCurlGET(t *testing.T) {
	var b strings.Builder
	req := signature.Request{URL: "https://example.com/answer", Method: "GET", Params: url.Values{"To": {"+91"}, "A": {"1"}}}
	if err := printCurl(&b, req, signature.Headers{{Name: signature.HeaderV3, Value: "sig"}}); err != nil {
		t.Fatal(err)
	}
	want := "curl -G 'https://example.com/answer' \\\n  -H 'X-Vobiz-Signature-V3: sig' \\\n" +
		"  --data-urlencode 'A=1' \\\n  --data-urlencode 'To=+91'\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("curl (-want +got):\n%s", diff)
	}
}
