package api

import (
	"errors"
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func TestValidateAppName(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		wantErr string
	}{
		{"letters digits dash underscore", "My_app-2", ""},
		{"exactly 60", strings.Repeat("a", 60), ""},
		{"empty", "", `invalid app_name "": use 1 to 60 letters, digits, "-" or "_"`},
		{"space", "my app", `invalid app_name "my app": use 1 to 60 letters, digits, "-" or "_"`},
		{"dot", "app.v2", `invalid app_name "app.v2": use 1 to 60 letters, digits, "-" or "_"`},
		{"non-ascii", "appé", `invalid app_name "appé": use 1 to 60 letters, digits, "-" or "_"`},
		{"61 chars", strings.Repeat("a", 61), `invalid app_name "` + strings.Repeat("a", 61) + `": use 1 to 60 letters, digits, "-" or "_"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, ValidateAppName(tt.input), tt.wantErr)
		})
	}
}

func TestValidateURLAndMethod(t *testing.T) {
	tests := []struct {
		name    string
		check   func() error
		wantErr string
	}{
		{"https", func() error { return ValidateURL("answer_url", "https://example.com/answer") }, ""},
		{"http with port and query", func() error { return ValidateURL("answer_url", "http://localhost:8080/a?x=1") }, ""},
		{"relative", func() error { return ValidateURL("answer_url", "/answer") }, `invalid answer_url "/answer": must be an absolute http or https URL`},
		{"ftp", func() error { return ValidateURL("hangup_url", "ftp://example.com") }, `invalid hangup_url "ftp://example.com": must be an absolute http or https URL`},
		{"no host", func() error { return ValidateURL("answer_url", "https:///path") }, `invalid answer_url "https:///path": must be an absolute http or https URL`},
		{"space", func() error { return ValidateURL("answer_url", "https://example.com/a b") }, `invalid answer_url "https://example.com/a b": must be an absolute http or https URL`},
		{"GET", func() error { return ValidateMethod("answer_method", "GET") }, ""},
		{"POST", func() error { return ValidateMethod("answer_method", "POST") }, ""},
		{"lowercase", func() error { return ValidateMethod("answer_method", "post") }, `invalid answer_method "post": must be GET or POST`},
		{"PUT", func() error { return ValidateMethod("hangup_method", "PUT") }, `invalid hangup_method "PUT": must be GET or POST`},
		{"app id", func() error { return ValidateAppID("12345678901234567") }, ""},
		{"app id traversal", func() error { return ValidateAppID("../1") }, `invalid app ID "../1": use only letters, digits, "-" or "_" (IDs look like "12345678901234567")`},
		{"app id empty", func() error { return ValidateAppID("") }, `invalid app ID "": use only letters, digits, "-" or "_" (IDs look like "12345678901234567")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.check(), tt.wantErr)
		})
	}
}

func TestCreateParamsValidate(t *testing.T) {
	valid := CreateParams{AppName: "app", AnswerURL: "https://example.com/a"}
	tests := []struct {
		name    string
		edit    func(p *CreateParams)
		wantErr string
	}{
		{"minimal", func(*CreateParams) {}, ""},
		{"all optional fields", func(p *CreateParams) {
			p.AnswerMethod, p.HangupURL, p.HangupMethod = "GET", "https://example.com/h", "POST"
			p.FallbackAnswerURL, p.FallbackMethod = "https://example.com/f", "GET"
			p.MessageURL, p.MessageMethod, p.Subaccount = "https://example.com/m", "POST", "SA_123"
		}, ""},
		{"missing answer url", func(p *CreateParams) { p.AnswerURL = "" }, `invalid answer_url "": is required`},
		{"bad name first", func(p *CreateParams) { p.AppName = "a b"; p.HangupURL = "x" }, `invalid app_name "a b": use 1 to 60 letters, digits, "-" or "_"`},
		{"bad fallback url", func(p *CreateParams) { p.FallbackAnswerURL = "example.com" }, `invalid fallback_answer_url "example.com": must be an absolute http or https URL`},
		{"bad message method", func(p *CreateParams) { p.MessageMethod = "PATCH" }, `invalid message_method "PATCH": must be GET or POST`},
		{"bad subaccount", func(p *CreateParams) { p.Subaccount = "SA/1" }, `invalid subaccount "SA/1": must be a sub-account auth ID such as "SA_XXXXXXXX"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid
			tt.edit(&p)
			err := p.Validate()
			checkErr(t, err, tt.wantErr)
			if err != nil && !IsValidationError(err) {
				t.Errorf("IsValidationError(%v) = false", err)
			}
		})
	}
}

func TestUpdateParamsValidate(t *testing.T) {
	tests := []struct {
		name    string
		params  UpdateParams
		wantErr string
	}{
		{"name only", UpdateParams{AppName: ptr("new-name")}, ""},
		{"clear fallback and message url", UpdateParams{FallbackAnswerURL: ptr(""), MessageURL: ptr("")}, ""},
		{"bool false", UpdateParams{DefaultNumberApp: ptr(false)}, ""},
		{"empty answer url", UpdateParams{AnswerURL: ptr("")}, `invalid answer_url "": must be an absolute http or https URL`},
		{"empty hangup url", UpdateParams{HangupURL: ptr("")}, `invalid hangup_url "": must be an absolute http or https URL (it cannot be cleared)`},
		{"empty answer method", UpdateParams{AnswerMethod: ptr("")}, `invalid answer_method "": must be GET or POST`},
		{"bad name", UpdateParams{AppName: ptr("")}, `invalid app_name "": use 1 to 60 letters, digits, "-" or "_"`},
		{"bad hangup method", UpdateParams{HangupMethod: ptr("DELETE")}, `invalid hangup_method "DELETE": must be GET or POST`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.params.Validate(), tt.wantErr)
		})
	}
}

func TestListOptionsValidate(t *testing.T) {
	tests := []struct {
		name    string
		opts    ListOptions
		wantErr string
	}{
		{"defaults", ListOptions{}, ""},
		{"max", ListOptions{Limit: 100, Offset: 500}, ""},
		{"too big", ListOptions{Limit: 101}, `invalid limit "101": must be between 1 and 100`},
		{"negative limit", ListOptions{Limit: -1}, `invalid limit "-1": must be between 1 and 100`},
		{"negative offset", ListOptions{Offset: -3}, `invalid offset "-3": must be 0 or more`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkErr(t, tt.opts.Validate(), tt.wantErr)
		})
	}
}

func TestIsPlainHTTP(t *testing.T) {
	for input, want := range map[string]bool{
		"http://example.com": true, "https://example.com": false, "HTTP://example.com": true, "::": false,
	} {
		if got := IsPlainHTTP(input); got != want {
			t.Errorf("IsPlainHTTP(%q) = %v, want %v", input, got, want)
		}
	}
}

func TestIsValidationError(t *testing.T) {
	if !IsValidationError(ErrNothingToUpdate) {
		t.Error("IsValidationError(ErrNothingToUpdate) = false")
	}
	if IsValidationError(errors.New("other")) {
		t.Error("IsValidationError(other) = true")
	}
}

// checkErr compares err's text with want; "" means no error.
func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Errorf("no error, want %q", want)
	case want != "" && err.Error() != want:
		t.Errorf("error = %q\nwant    %q", err.Error(), want)
	}
}
