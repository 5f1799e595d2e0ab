package api

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const testToken = "s3cr3t-t0ken-value"

func TestNewHTTPErrorDecodesBothShapes(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		want   HTTPError
		text   string
	}{
		{
			name: "flat not found", status: 404,
			body: `{"error":"Application not found","app_id":"123"}`,
			want: HTTPError{Message: "application not found"},
			text: "HTTP 404: application not found (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "flat conflict with message", status: 409,
			body: `{"error":"Cannot delete application","message":"Application is currently in use by 5 phone numbers"}`,
			want: HTTPError{Message: "cannot delete application: application is currently in use by 5 phone numbers"},
			text: "HTTP 409: cannot delete application: application is currently in use by 5 phone numbers (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "flat validation details", status: 400,
			body: `{"error":"invalid request parameters","details":{"app_name":"This field is required","answer_url":["Enter a valid URL"]}}`,
			want: HTTPError{Message: "invalid request parameters", Fields: map[string]string{"app_name": "This field is required", "answer_url": "Enter a valid URL"}},
			text: "HTTP 400: invalid request parameters: answer_url: enter a valid URL; app_name: this field is required (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "envelope auth", status: 401,
			body: `{"status":"error","error":{"code":"INVALID_CREDENTIALS","message":"Invalid authentication credentials"},"timestamp":"2026-01-01T00:00:00Z","requestId":"req_42"}`,
			want: HTTPError{Message: "invalid authentication credentials", Code: "INVALID_CREDENTIALS", APIID: "req_42"},
			text: "HTTP 401: invalid authentication credentials (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "envelope validation errors", status: 422,
			body: `{"status":"error","error":{"code":"VALIDATION_ERROR","message":"Validation failed","details":{"errors":[{"field":"answer_url","message":"Must be HTTPS","code":"INVALID","value":"http://x"}]}}}`,
			want: HTTPError{Message: "validation failed", Code: "VALIDATION_ERROR", Fields: map[string]string{"answer_url": "Must be HTTPS"}},
			text: "HTTP 422: validation failed: answer_url: must be HTTPS (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "envelope rate limit", status: 429,
			body: `{"status":"error","error":{"code":"RATE_LIMIT_EXCEEDED","message":"Too many requests","details":{"retryAfter":30}}}`,
			want: HTTPError{Message: "too many requests", Code: "RATE_LIMIT_EXCEEDED", RetryAfter: 30 * time.Second},
			text: "HTTP 429: too many requests (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "envelope code only", status: 402,
			body: `{"status":"error","error":{"code":"INSUFFICIENT_BALANCE"}}`,
			want: HTTPError{Message: "insufficient balance", Code: "INSUFFICIENT_BALANCE"},
			text: "HTTP 402: insufficient balance (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "api_id kept", status: 400,
			body: `{"api_id":"a-1","error":"Bad"}`,
			want: HTTPError{Message: "bad", APIID: "a-1"},
			text: "HTTP 400: bad (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "plain text body", status: 502,
			body: "Bad Gateway from upstream\nsecond line",
			want: HTTPError{Message: "bad Gateway from upstream"},
			text: "HTTP 502: bad Gateway from upstream (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "html body", status: 503,
			body: "<html><body>nginx</body></html>",
			want: HTTPError{Message: "service unavailable"},
			text: "HTTP 503: service unavailable (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "empty body", status: 500, body: "",
			want: HTTPError{Message: "internal server error"},
			text: "HTTP 500: internal server error (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "unknown json", status: 418, body: `{"x":1}`,
			want: HTTPError{Message: "i'm a teapot"},
			text: "HTTP 418: i'm a teapot (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "acronym kept", status: 400, body: `{"error":"API key invalid"}`,
			want: HTTPError{Message: "API key invalid"},
			text: "HTTP 400: API key invalid (GET /Account/MA_X/Application/123/)",
		},
		{
			name: "token echoed by the server is redacted", status: 401,
			body: `{"error":"Token ` + testToken + ` is not valid","details":{"token":"` + testToken + `"}}`,
			want: HTTPError{Message: "token [REDACTED] is not valid", Fields: map[string]string{"token": "[REDACTED]"}},
			text: "HTTP 401: token [REDACTED] is not valid: token: [REDACTED] (GET /Account/MA_X/Application/123/)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &response{status: tt.status, header: http.Header{}, body: []byte(tt.body)}
			got := newHTTPError("GET", "/Account/MA_X/Application/123/", resp, 1, testToken, time.Now())
			want := tt.want
			want.StatusCode, want.Method, want.Path, want.Attempts = tt.status, "GET", "/Account/MA_X/Application/123/", 1
			if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("HTTPError mismatch (-want +got):\n%s", diff)
			}
			if got.Error() != tt.text {
				t.Errorf("Error() = %q\nwant      %q", got.Error(), tt.text)
			}
			if strings.Contains(got.Error(), testToken) {
				t.Errorf("Error() leaks the token: %q", got.Error())
			}
		})
	}
}

func TestNewHTTPErrorRetryAfterHeader(t *testing.T) {
	resp := &response{status: 429, header: http.Header{"Retry-After": {"12"}}}
	got := newHTTPError("GET", "/x/", resp, 4, "", time.Now())
	if got.RetryAfter != 12*time.Second || got.Attempts != 4 {
		t.Errorf("RetryAfter, Attempts = %v, %d; want 12s, 4", got.RetryAfter, got.Attempts)
	}
}

func TestErrorClassifiers(t *testing.T) {
	httpErr := func(code int) error {
		return fmt.Errorf("wrapped: %w", &HTTPError{StatusCode: code})
	}
	tests := []struct {
		name                       string
		err                        error
		auth, notFound, isConflict bool
	}{
		{"401", httpErr(401), true, false, false},
		{"403", httpErr(403), true, false, false},
		{"missing credentials", ErrMissingCredentials, true, false, false},
		{"404", httpErr(404), false, true, false},
		{"409", httpErr(409), false, false, true},
		{"500", httpErr(500), false, false, false},
		{"plain error", errors.New("boom"), false, false, false},
		{"nil", nil, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := [3]bool{IsAuth(tt.err), IsNotFound(tt.err), IsConflict(tt.err)}
			want := [3]bool{tt.auth, tt.notFound, tt.isConflict}
			if got != want {
				t.Errorf("IsAuth, IsNotFound, IsConflict = %v, want %v", got, want)
			}
			var af interface{ AuthFailure() bool }
			if gotAF := errors.As(tt.err, &af) && af.AuthFailure(); gotAF != tt.auth {
				t.Errorf("AuthFailure() = %v, want %v", gotAF, tt.auth)
			}
		})
	}
}

func TestRequestErrorText(t *testing.T) {
	tests := []struct {
		name string
		err  *RequestError
		want string
	}{
		{"transport", &RequestError{Method: "GET", Path: "/Account/MA_X/Application/", Err: errors.New("connection refused")},
			"GET /Account/MA_X/Application/: connection refused"},
		{"timeout", &RequestError{Method: "POST", Path: "/Account/MA_X/Application/", Timeout: 30 * time.Second, Err: errors.New("x")},
			"POST /Account/MA_X/Application/: timed out after 30s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}
