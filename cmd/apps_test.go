package cmd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apitest"
	"github.com/vobizctl/vobizctl/internal/iostreams"
)

// appsTestRun runs vobizctl args against a fake API with terminal streams and the given stdin.
func appsTestRun(t *testing.T, s *apitest.Server, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("VOBIZCTL_CONFIG", filepath.Join(t.TempDir(), "config.yaml"))
	t.Setenv("VOBIZ_API_URL", s.URL)
	t.Setenv("VOBIZ_AUTH_ID", s.AuthID)
	t.Setenv("VOBIZ_AUTH_TOKEN", s.AuthToken)
	t.Setenv("VOBIZ_PROFILE", "")
	ios, in, out, errOut := iostreams.Test()
	ios.SetTTY(true, true, true)
	in.WriteString(stdin)
	code = Run(context.Background(), NewFactory(ios), args)
	return code, out.String(), errOut.String()
}

func TestAppsDeleteAsksOnATerminal(t *testing.T) {
	tests := []struct {
		name      string
		answer    string
		wantGone  bool
		wantInErr string
	}{
		{"yes", "y\n", true, "Deleted application 10000000000000001"},
		{"YES", "YES\n", true, "Deleted application 10000000000000001"},
		{"no", "n\n", false, "Cancelled: application 10000000000000001 was not deleted"},
		{"empty answer", "\n", false, "Cancelled"},
		{"end of input", "", false, "Cancelled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := apitest.NewServer(t)
			s.AddApp("ivr", "https://example.com/a")
			code, _, stderr := appsTestRun(t, s, tt.answer, "apps", "delete", "10000000000000001")
			if code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stderr, `Delete application "ivr" (10000000000000001, answer URL https://example.com/a)? [y/N]`) {
				t.Errorf("no confirmation prompt in stderr:\n%s", stderr)
			}
			if !strings.Contains(stderr, tt.wantInErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantInErr, stderr)
			}
			if _, exists := s.App("10000000000000001"); exists == tt.wantGone {
				t.Errorf("app exists = %v after answering %q", exists, tt.answer)
			}
		})
	}
}

func TestAppsDeleteUnknownAppFailsBeforeAsking(t *testing.T) {
	s := apitest.NewServer(t)
	code, _, stderr := appsTestRun(t, s, "y\n", "apps", "delete", "42")
	if code != ExitUsage || strings.Contains(stderr, "[y/N]") || !strings.Contains(stderr, "HTTP 404") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestAppsListOnATerminal(t *testing.T) {
	s := apitest.NewServer(t)
	for i := 1; i <= 3; i++ {
		s.AddApp(fmt.Sprintf("app-%d", i), fmt.Sprintf("https://example.com/%d", i))
	}
	s.AddAppObject(map[string]any{"app_name": "ivr", "answer_url": "https://example.com/ivr",
		"default_number_app": true, "default_endpoint_app": true})
	code, stdout, stderr := appsTestRun(t, s, "", "apps", "list", "--limit", "2", "--offset", "2")
	want := "ID                 NAME   ANSWER URL               HANGUP URL               DEFAULT FOR\n" +
		"10000000000000003  app-3  https://example.com/3    https://example.com/3    -\n" +
		"10000000000000004  ivr    https://example.com/ivr  https://example.com/ivr  number,endpoint\n"
	if code != 0 || stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s", code, stdout, want)
	}
	if stderr != "" {
		t.Errorf("last page: stderr %q, want nothing", stderr)
	}
	_, _, stderr = appsTestRun(t, s, "", "apps", "list", "--limit", "2")
	if want := "Showing 1–2 of 4; use --all for every application, or --offset 2 for the next page.\n"; stderr != want {
		t.Errorf("first page: stderr %q, want %q", stderr, want)
	}
}

func TestAppFieldFlagsSendOnlyWhatWasGiven(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want api.UpdateParams
	}{
		{"none", nil, api.UpdateParams{}},
		{"url and lower-case method", []string{"--answer-url", "https://e.com/a", "--answer-method", "get"},
			api.UpdateParams{AnswerURL: ptrTo("https://e.com/a"), AnswerMethod: ptrTo("GET")}},
		{"explicit false and empty", []string{"--default-number-app=false", "--message-url", ""},
			api.UpdateParams{DefaultNumberApp: ptrTo(false), MessageURL: ptrTo("")}},
		{"rename and subaccount", []string{"--name", "n", "--subaccount", "SA_1", "--log-incoming-messages"},
			api.UpdateParams{AppName: ptrTo("n"), Subaccount: ptrTo("SA_1"), LogIncomingMessages: ptrTo(true)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := pflag.NewFlagSet("update", pflag.ContinueOnError)
			var flags appFieldFlags
			flags.register(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, flags.updateParams(fs)); diff != "" {
				t.Errorf("params mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAPIErrorExitCodes(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantCode int
		wantHint string
	}{
		{"validation", &api.ValidationError{Field: "app_name", Value: "a b", Reason: "x"}, ExitUsage, ""},
		{"nothing to update", api.ErrNothingToUpdate, ExitUsage, "give at least one field flag, e.g. --answer-url URL"},
		{"400", &api.HTTPError{StatusCode: 400}, ExitUsage, ""},
		{"422", &api.HTTPError{StatusCode: 422}, ExitUsage, ""},
		{"404", &api.HTTPError{StatusCode: 404}, ExitUsage, "run `vobizctl apps list` to see the application IDs"},
		{"401", &api.HTTPError{StatusCode: 401}, ExitAuth, "run `vobizctl auth status` to see which credentials were used and where they came from"},
		{"403", &api.HTTPError{StatusCode: 403}, ExitAuth, "run `vobizctl auth status` to see which credentials were used and where they came from"},
		{"409", &api.HTTPError{StatusCode: 409, NextStep: "detach"}, ExitCannotRun, "detach"},
		{"503", &api.HTTPError{StatusCode: 503}, ExitCannotRun, ""},
		{"timeout", &api.RequestError{Method: "GET", Path: "/x/", Err: context.DeadlineExceeded}, ExitCannotRun, ""},
		{"interrupted", &api.RequestError{Method: "GET", Path: "/x/", Err: context.Canceled}, ExitInterrupted, ""},
		{"missing credentials", api.ErrMissingCredentials, ExitAuth, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := apiError(tt.err)
			if got := ExitCode(err); got != tt.wantCode {
				t.Errorf("exit code = %d, want %d", got, tt.wantCode)
			}
			var h hinter
			hint := ""
			if errors.As(err, &h) {
				hint = h.Hint()
			}
			if hint != tt.wantHint {
				t.Errorf("hint = %q, want %q", hint, tt.wantHint)
			}
		})
	}
}

func TestAppsApplyPlanShowsColourOnlyOnATerminal(t *testing.T) {
	s := apitest.NewServer(t)
	file := filepath.Join(t.TempDir(), "vobiz.yaml")
	writeFile(t, file, "applications:\n  - name: a\n    answer_url: https://e.com/a\n")
	code, stdout, stderr := appsTestRun(t, s, "", "apps", "apply", "-f", file, "--dry-run")
	if code != 0 || !strings.Contains(stdout, "  + create a\n      answer_url: \"https://e.com/a\"\n") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if bytes.ContainsRune([]byte(stdout), 0x1b) {
		t.Errorf("escape codes in uncoloured output: %q", stdout)
	}
}

func ptrTo[T any](v T) *T { return &v }

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
