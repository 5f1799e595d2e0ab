package api

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestResolveNext(t *testing.T) {
	tests := []struct {
		name      string
		base      string
		next      string
		wantPath  string
		wantQuery url.Values
		wantErr   string
	}{
		{"documented form", "https://api.vobiz.ai/api/v1", "/v1/Account/MA_X/Application/?limit=20&offset=20",
			"/Account/MA_X/Application/", url.Values{"limit": {"20"}, "offset": {"20"}}, ""},
		{"full path form", "https://api.vobiz.ai/api/v1", "/api/v1/Account/MA_X/Application/?offset=40",
			"/Account/MA_X/Application/", url.Values{"offset": {"40"}}, ""},
		{"absolute same host", "https://api.vobiz.ai/api/v1", "https://api.vobiz.ai/api/v1/Account/MA_X/Application/?offset=1",
			"/Account/MA_X/Application/", url.Values{"offset": {"1"}}, ""},
		{"test server with a trailing slash base", "http://127.0.0.1:9/api/v1/", "/v1/Account/MA_X/Application/?offset=5",
			"/Account/MA_X/Application/", url.Values{"offset": {"5"}}, ""},
		{"base without /api", "http://127.0.0.1:9/v1", "/v1/Account/MA_X/Application/?offset=5",
			"/Account/MA_X/Application/", url.Values{"offset": {"5"}}, ""},
		{"other host", "https://api.vobiz.ai/api/v1", "https://evil.example/api/v1/Account/MA_X/Application/",
			"", nil, `refusing to follow next link "https://evil.example/api/v1/Account/MA_X/Application/": it leaves api.vobiz.ai`},
		{"scheme downgrade", "https://api.vobiz.ai/api/v1", "http://api.vobiz.ai/api/v1/Account/MA_X/Application/",
			"", nil, `refusing to follow next link "http://api.vobiz.ai/api/v1/Account/MA_X/Application/": it leaves api.vobiz.ai`},
		{"other resource", "https://api.vobiz.ai/api/v1", "/v1/Account/MA_X/Call/?offset=1",
			"", nil, `refusing to follow next link "/v1/Account/MA_X/Call/?offset=1": it is not an Application list under https://api.vobiz.ai/api/v1`},
		{"other version", "https://api.vobiz.ai/api/v1", "/v2/Account/MA_X/Application/",
			"", nil, `refusing to follow next link "/v2/Account/MA_X/Application/": it is not an Application list under https://api.vobiz.ai/api/v1`},
		{"relative path", "https://api.vobiz.ai/api/v1", "?offset=20",
			"", nil, `invalid next link "?offset=20": want an absolute path such as "/v1/Account/…/Application/?offset=20"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{BaseURL: tt.base, AuthID: "MA_X", AuthToken: "t"})
			path, query, err := c.resolveNext(tt.next)
			checkErr(t, err, tt.wantErr)
			if path != tt.wantPath {
				t.Errorf("path = %q, want %q", path, tt.wantPath)
			}
			if diff := cmp.Diff(tt.wantQuery, query); diff != "" && tt.wantErr == "" {
				t.Errorf("query mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewRejectsBadBaseURL(t *testing.T) {
	tests := []struct{ base, wantErr string }{
		{"api.vobiz.ai/api/v1", `invalid API URL "api.vobiz.ai/api/v1": must be an absolute http or https URL`},
		{"ftp://api.vobiz.ai", `invalid API URL "ftp://api.vobiz.ai": must be an absolute http or https URL`},
		{"https://api.vobiz.ai/api/v1?x=1", `invalid API URL "https://api.vobiz.ai/api/v1?x=1": must not carry a query or fragment`},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			c := New(Options{BaseURL: tt.base, AuthID: "MA_X", AuthToken: "t"})
			_, err := c.ListApplications(t.Context(), ListOptions{})
			checkErr(t, err, tt.wantErr)
		})
	}
}
