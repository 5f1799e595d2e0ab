package tunnel

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// hmacSigner signs with the documented V3 scheme and a fixed nonce.
type hmacSigner struct{ token, nonce string }

func (s hmacSigner) SignRequest(publicURL, _ string, _ url.Values, h http.Header) error {
	h.Set("X-Vobiz-Signature-V3", signV3(s.token, publicURL, s.nonce))
	h.Set("X-Vobiz-Signature-V3-Nonce", s.nonce)
	return nil
}

// recordToLog proxies one signed request and returns the log file holding it.
func recordToLog(t *testing.T, local *httptest.Server) string {
	t.Helper()
	target, _ := url.Parse(local.URL)
	logPath := filepath.Join(t.TempDir(), "calls.ndjson")
	lf, err := OpenLog(logPath)
	if err != nil {
		t.Fatal(err)
	}
	got := newExchanges()
	p, _ := NewProxy(ProxyOptions{Target: target, OnExchange: func(ex Exchange) {
		if err := lf.Write(ex); err != nil {
			t.Error(err)
		}
		got.add(ex)
	}})
	_ = p.SetPublicURL("https://pub.example.test")
	front := httptest.NewServer(p)
	defer front.Close()
	postForm(t, front.URL+"/answer?leg=a", url.Values{"Event": {"StartApp"}, "CallUUID": {"c1"}}, signedHeader(testToken, "https://pub.example.test/answer", "old-nonce"))
	got.wait(t, 1)
	lf.Close()
	return logPath
}

func TestReplayResignsForThePublicURL(t *testing.T) {
	type seen struct{ Method, URI, Host, Body, Sig, Nonce, Replay string }
	var requests []seen
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		requests = append(requests, seen{r.Method, r.URL.RequestURI(), r.Host, string(b), r.Header.Get("X-Vobiz-Signature-V3"), r.Header.Get("X-Vobiz-Signature-V3-Nonce"), r.Header.Get("X-Vobizctl-Replay")})
		io.WriteString(w, "<Response/>")
	}))
	defer local.Close()
	logPath := recordToLog(t, local)
	f, _ := os.Open(logPath)
	logged, err := FindInLog(f, "1")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := Replay(context.Background(), logged, ReplayOptions{Signer: hmacSigner{testToken, "fresh-nonce"}, Verifier: hmacVerifier{testToken}, Linter: xmlLinter{}})
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"Event": {"StartApp"}, "CallUUID": {"c1"}}.Encode()
	want := seen{"POST", "/answer?leg=a", "pub.example.test", form, signV3(testToken, "https://pub.example.test/answer", "fresh-nonce"), "fresh-nonce", "1"}
	if len(requests) != 2 {
		t.Fatalf("local server got %d requests, want 2", len(requests))
	}
	if diff := cmp.Diff(want, requests[1]); diff != "" {
		t.Errorf("replayed request (-want +got):\n%s", diff)
	}
	if out.ReplayOf != "1" || out.Signature.Status != SignatureValid || out.Response.Status != 200 || out.Lint == nil || out.Event != "StartApp" {
		t.Errorf("replay exchange: %+v", out)
	}
}

func TestReplayRefusesTruncatedAndReportsDeadServer(t *testing.T) {
	ex := Exchange{ID: "4", Target: "http://127.0.0.1:1", Request: Message{Method: "POST", URI: "/a", Body: "x", Size: 10, Truncated: true}}
	if _, err := Replay(context.Background(), ex, ReplayOptions{}); err == nil || !strings.Contains(err.Error(), "only 1 of the request's 10 bytes") {
		t.Fatalf("truncated replay = %v", err)
	}
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	ex = Exchange{ID: "5", Target: dead.URL, Request: Message{Method: "POST", URI: "/hangup", Body: "Event=Hangup", Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}}}
	out, err := Replay(context.Background(), ex, ReplayOptions{})
	if err != nil || !strings.Contains(out.Error, "is not listening") || out.Event != "Hangup" {
		t.Fatalf("replay to a dead server = %+v, %v", out, err)
	}
}

func TestFindInLog(t *testing.T) {
	log := `{"type":"exchange","id":"1","event":"StartApp","request":{"size":0}}
{"type":"exchange","id":"2","event":"Hangup","request":{"size":0}}

{"type":"exchange","id":"1","event":"Ring","request":{"size":0}}
`
	tests := []struct{ name, log, id, wantEvent, wantErr string }{
		{"latest session wins", log, "1", "Ring", ""},
		{"single", log, "2", "Hangup", ""},
		{"missing", log, "9", "", "not in the log"},
		{"damaged line", "{oops\n", "1", "", "log line 1 is not an exchange"},
	}
	for _, tt := range tests {
		ex, err := FindInLog(strings.NewReader(tt.log), tt.id)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
			}
			if tt.wantErr == "not in the log" && !errors.Is(err, ErrNotInLog) {
				t.Errorf("%s: err does not wrap ErrNotInLog", tt.name)
			}
			continue
		}
		if err != nil || ex.Event != tt.wantEvent {
			t.Errorf("%s: got %q, %v; want %q", tt.name, ex.Event, err, tt.wantEvent)
		}
	}
}

func TestLogFileIsPrivateAndAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.ndjson")
	for i := range 2 {
		lf, err := OpenLog(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := lf.Write(Exchange{Type: "exchange", ID: "1", Event: []string{"a", "b"}[i]}); err != nil {
			t.Fatal(err)
		}
		lf.Close()
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v, want 0600", info.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if n := strings.Count(string(b), "\n"); n != 2 {
		t.Errorf("log has %d lines, want 2 (append, not truncate)", n)
	}
}
