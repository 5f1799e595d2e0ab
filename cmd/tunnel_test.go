package cmd

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/lint"
	"github.com/vobizctl/vobizctl/tunnel"
)

func TestWriteExchangeLines(t *testing.T) {
	at := time.Date(2026, 1, 2, 15, 4, 5, 0, time.Local)
	base := func() tunnel.Exchange {
		return tunnel.Exchange{ID: "3", Time: at, DurationMS: 12.4, Event: "StartApp",
			Request:  tunnel.Message{Method: http.MethodPost, URI: "/answer"},
			Response: &tunnel.Message{Status: 200}}
	}
	tests := []struct {
		name   string
		change func(*tunnel.Exchange)
		want   string
	}{
		{"valid and clean", func(ex *tunnel.Exchange) {
			ex.Signature = &tunnel.SignatureCheck{Status: tunnel.SignatureValid}
			ex.Lint = &tunnel.LintSummary{}
		}, "15:04:05  #3  POST /answer  StartApp  200  12ms  signature valid  reply ok\n"},
		{"invalid signature with its cause", func(ex *tunnel.Exchange) {
			ex.Signature = &tunnel.SignatureCheck{Status: tunnel.SignatureInvalid, Cause: "likely cause: trailing slash"}
		}, "15:04:05  #3  POST /answer  StartApp  200  12ms  signature invalid\n    signature: likely cause: trailing slash\n"},
		{"reply with lint errors", func(ex *tunnel.Exchange) {
			d := lint.Diagnostic{Start: lint.Position{Line: 3, Col: 5}, Severity: lint.Error, Rule: "unknown-element", Message: "unknown element <Spek>", Hint: "did you mean <Speak>?"}
			ex.Lint = &tunnel.LintSummary{Errors: 2, First: &d}
		}, "15:04:05  #3  POST /answer  StartApp  200  12ms  reply 2 errors\n    reply: 3:5 error: unknown element <Spek> [unknown-element] — did you mean <Speak>?\n"},
		{"local server down", func(ex *tunnel.Exchange) {
			ex.Response, ex.Event, ex.DurationMS = nil, "", 0.4
			ex.Error = "local server http://localhost:3000 is not listening (connection refused)"
		}, "15:04:05  #3  POST /answer  -  502  0.4ms\n    error: local server http://localhost:3000 is not listening (connection refused)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := base()
			tt.change(&ex)
			var buf bytes.Buffer
			writeExchangeLines(&buf, render.NewStyles(false), ex)
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLocalTarget(t *testing.T) {
	tests := []struct {
		name    string
		port    int
		to      string
		want    string
		wantErr bool
	}{
		{"port", 3000, "", "http://localhost:3000", false},
		{"URL with a base path", 0, "http://127.0.0.1:8080/vobiz/", "http://127.0.0.1:8080/vobiz", false},
		{"neither", 0, "", "", false},
		{"port out of range", 65536, "", "", true},
		{"no scheme", 0, "localhost:3000", "", true},
		{"query", 0, "http://localhost:3000/?a=1", "", true},
	}
	for _, tt := range tests {
		got, err := localTarget(tt.port, tt.to)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		gotS := ""
		if got != nil {
			gotS = got.String()
		}
		if gotS != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, gotS, tt.want)
		}
	}
}
