package signature

import (
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadRawRequest(t *testing.T) {
	tests := []struct {
		name      string
		raw       string
		publicURL string
		want      Request
		wantV3    string // the X-Vobiz-Signature-V3 header as parsed
	}{
		{"nc capture with CRLF and Content-Length",
			"POST /answer HTTP/1.1\r\nHost: abc.ngrok.app\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\nX-Vobiz-Signature-V3: sig\r\n\r\nCallUUID=abc&From=%2B91123",
			"", Request{URL: "https://abc.ngrok.app/answer", Method: "POST", Params: url.Values{"CallUUID": {"abc"}, "From": {"+91123"}}}, "sig"},
		{"hand-written with LF, no Content-Length, trailing newline",
			"POST /hangup?x=1 HTTP/1.1\nHost: example.com\n\nCallUUID=abc&Event=Hangup\n",
			"", Request{URL: "https://example.com/hangup?x=1", Method: "POST", Params: url.Values{"CallUUID": {"abc"}, "Event": {"Hangup"}}}, ""},
		{"forwarded headers from a tunnel",
			"GET /answer?CallUUID=1 HTTP/1.1\r\nHost: localhost:8080\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Host: abc.ngrok.app, proxy.local\r\n\r\n",
			"", Request{URL: "http://abc.ngrok.app/answer?CallUUID=1", Method: "GET", Params: url.Values{}}, ""},
		{"absolute-form target from a proxy log",
			"POST https://example.com/answer HTTP/1.1\r\nHost: example.com\r\nContent-Type: application/json\r\n\r\n{\"a\":1}",
			"", Request{URL: "https://example.com/answer", Method: "POST"}, ""},
		{"public URL replaces the rebuilt one",
			"POST /answer HTTP/1.1\r\nHost: localhost:8080\r\nContent-Length: 50\r\n\r\nCallUUID=abc",
			"https://abc.ngrok.app/answer", Request{URL: "https://abc.ngrok.app/answer", Method: "POST", Params: url.Values{"CallUUID": {"abc"}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := ReadRawRequest(strings.NewReader(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			got, err := raw.Request(tt.publicURL)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Request (-want +got):\n%s", diff)
			}
			if v := raw.Header.Get(HeaderV3); v != tt.wantV3 {
				t.Errorf("V3 header = %q, want %q", v, tt.wantV3)
			}
		})
	}
}

func TestReadRawRequestErrors(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{"not HTTP", "hello world", "not an HTTP request"},
		{"empty", "", "not an HTTP request"},
		{"too large", "POST / HTTP/1.1\r\n\r\n" + strings.Repeat("a", MaxRawRequestBytes), "request larger than"},
		{"bad form", "POST / HTTP/1.1\r\nHost: x\r\n\r\na=%zz", "form body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := ReadRawRequest(strings.NewReader(tt.raw))
			if err == nil {
				_, err = raw.Request("")
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
