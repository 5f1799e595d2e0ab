package tunnel

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const testToken = "TESTAUTHTOKEN0123456789abcdef"

// proxyPair starts a local server running handler and the proxy in front of it, with the public
// URL https://pub.example.test.
func proxyPair(t *testing.T, handler http.HandlerFunc, opts ProxyOptions) (*httptest.Server, *exchanges) {
	t.Helper()
	local := httptest.NewServer(handler)
	t.Cleanup(local.Close)
	target, _ := url.Parse(local.URL)
	got := newExchanges()
	opts.Target, opts.OnExchange = target, got.add
	p, err := NewProxy(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetPublicURL("https://pub.example.test"); err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(p)
	t.Cleanup(front.Close)
	return front, got
}

func postForm(t *testing.T, u string, form url.Values, h http.Header) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func TestProxyForwardsAndRecords(t *testing.T) {
	var seen struct{ method, uri, host, proto, body string }
	front, got := proxyPair(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen.method, seen.uri, seen.host, seen.body = r.Method, r.URL.RequestURI(), r.Host, string(b)
		seen.proto = r.Header.Get("X-Forwarded-Proto")
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, "<Response><Speak>hi</Speak></Response>")
	}, ProxyOptions{Linter: xmlLinter{}})
	form := url.Values{"CallUUID": {"abc"}, "Event": {"StartApp"}}
	resp, body := postForm(t, front.URL+"/answer?x=1", form, nil)
	if resp.StatusCode != 200 || body != "<Response><Speak>hi</Speak></Response>" {
		t.Fatalf("client got %d %q", resp.StatusCode, body)
	}
	want := struct{ method, uri, host, proto, body string }{"POST", "/answer?x=1", "pub.example.test", "https", form.Encode()}
	if seen != want {
		t.Errorf("local server saw %+v, want %+v", seen, want)
	}
	ex := got.wait(t, 1)
	summary := []any{ex.ID, ex.Event, ex.PublicURL, ex.Request.Method, ex.Request.URI, ex.Request.Body, ex.Response.Status, ex.Response.Body, *ex.Lint, ex.Signature.Status}
	wantSummary := []any{"1", "StartApp", "https://pub.example.test/answer?x=1", "POST", "/answer?x=1", form.Encode(), 200, body, LintSummary{}, SignatureUnsigned}
	if diff := cmp.Diff(wantSummary, summary); diff != "" {
		t.Errorf("exchange (-want +got):\n%s", diff)
	}
}

func TestProxySignatureAgainstPublicURL(t *testing.T) {
	ok := func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<Response/>") }
	tests := []struct {
		name     string
		verifier Verifier
		header   http.Header
		want     SignatureStatus
	}{
		{"signed for the public URL", hmacVerifier{testToken}, signedHeader(testToken, "https://pub.example.test/answer", "12345678901234567890"), SignatureValid},
		{"signed for the local URL", hmacVerifier{testToken}, signedHeader(testToken, "http://127.0.0.1:3000/answer", "12345678901234567890"), SignatureInvalid},
		{"signed with another token", hmacVerifier{testToken}, signedHeader("other-token", "https://pub.example.test/answer", "1"), SignatureInvalid},
		{"no signature headers", hmacVerifier{testToken}, nil, SignatureUnsigned},
		{"no token to check with", nil, signedHeader(testToken, "https://pub.example.test/answer", "1"), SignatureUnchecked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, got := proxyPair(t, ok, ProxyOptions{Verifier: tt.verifier})
			postForm(t, front.URL+"/answer", url.Values{"Event": {"StartApp"}}, tt.header)
			sig := got.wait(t, 1).Signature
			if sig == nil || sig.Status != tt.want {
				t.Fatalf("signature = %+v, want %s", sig, tt.want)
			}
			if tt.want == SignatureInvalid && !strings.Contains(sig.Cause, "https://pub.example.test/answer") {
				t.Errorf("cause %q does not name the public URL", sig.Cause)
			}
		})
	}
}

func TestProxyLintsReplies(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		want                    *LintSummary
	}{
		{"valid", "text/xml", "<Response><Hangup/></Response>", &LintSummary{}},
		{"invalid XML", "application/xml", "<Response><Speak>hi</Response>", &LintSummary{Errors: 1}},
		{"XML with a text content type", "text/plain", "<Speak>hi</Speak>", &LintSummary{Warnings: 1}},
		{"not XML", "application/json", `{"ok":true}`, nil},
		{"HTML error page", "text/html; charset=utf-8", "<!DOCTYPE html><html></html>", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, got := proxyPair(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.contentType)
				io.WriteString(w, tt.body)
			}, ProxyOptions{Linter: xmlLinter{}})
			postForm(t, front.URL+"/answer", nil, nil)
			l := got.wait(t, 1).Lint
			if tt.want == nil {
				if l != nil {
					t.Fatalf("lint = %+v, want none", l)
				}
				return
			}
			if l == nil || l.Errors != tt.want.Errors || l.Warnings != tt.want.Warnings {
				t.Fatalf("lint = %+v, want %d errors %d warnings", l, tt.want.Errors, tt.want.Warnings)
			}
			if (tt.want.Errors+tt.want.Warnings > 0) != (l.First != nil) {
				t.Errorf("first diagnostic = %+v", l.First)
			}
		})
	}
}

func TestProxyDeadLocalServer(t *testing.T) {
	local := httptest.NewServer(http.NotFoundHandler())
	target, _ := url.Parse(local.URL)
	local.Close()
	got := newExchanges()
	p, err := NewProxy(ProxyOptions{Target: target, OnExchange: got.add})
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(p)
	defer front.Close()
	resp, body := postForm(t, front.URL+"/hangup", url.Values{"Event": {"Hangup"}}, nil)
	if resp.StatusCode != http.StatusBadGateway || !strings.Contains(body, "is not listening") {
		t.Fatalf("client got %d %q", resp.StatusCode, body)
	}
	ex := got.wait(t, 1)
	if ex.Response != nil || !strings.Contains(ex.Error, "local server "+local.URL+" is not listening") || ex.Event != "Hangup" {
		t.Fatalf("exchange = %+v", ex)
	}
}

func TestProxyStreamsLargeBodiesAndCapsTheCopy(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 3<<16) // 3 MiB
	var localSum [32]byte
	front, got := proxyPair(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		localSum = sha256.Sum256(b)
		w.Header().Set("Content-Type", "application/xml")
		w.Write(big)
	}, ProxyOptions{Linter: xmlLinter{}, CaptureLimit: 1024})
	resp, err := http.Post(front.URL+"/upload", "application/octet-stream", bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	back, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if localSum != sha256.Sum256(big) || !bytes.Equal(back, big) {
		t.Fatal("a body was not passed through in full")
	}
	ex := got.wait(t, 1)
	if ex.Request.Size != int64(len(big)) || !ex.Request.Truncated || len(ex.Request.Body) != 1024 {
		t.Errorf("request copy: size %d truncated %v len %d", ex.Request.Size, ex.Request.Truncated, len(ex.Request.Body))
	}
	if ex.Response.Size != int64(len(big)) || !ex.Response.Truncated || ex.Lint == nil || ex.Lint.Skipped == "" {
		t.Errorf("response copy: size %d truncated %v lint %+v", ex.Response.Size, ex.Response.Truncated, ex.Lint)
	}
}

func TestProxyFlushesBeforeTheReplyEnds(t *testing.T) {
	release := make(chan struct{})
	front, _ := proxyPair(t, func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first ")
		w.(http.Flusher).Flush()
		<-release
		io.WriteString(w, "second")
	}, ProxyOptions{})
	resp, err := http.Get(front.URL + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, len("first "))
	if _, err := io.ReadFull(resp.Body, buf); err != nil || string(buf) != "first " {
		t.Fatalf("first chunk = %q, %v", buf, err)
	}
	close(release)
	rest, _ := io.ReadAll(resp.Body)
	if string(rest) != "second" {
		t.Fatalf("rest = %q", rest)
	}
}

func TestProxyNeverRecordsTheToken(t *testing.T) {
	front, got := proxyPair(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Echo", r.Header.Get("X-Debug"))
		io.WriteString(w, "token was "+testToken)
	}, ProxyOptions{Secrets: []string{testToken}})
	h := http.Header{"X-Auth-Token": {testToken}, "X-Debug": {"t=" + testToken}}
	postForm(t, front.URL+"/answer?k="+testToken, url.Values{"Secret": {testToken}}, h)
	ex := got.wait(t, 1)
	for _, s := range []string{ex.Request.URI, ex.PublicURL, ex.Request.Body, ex.Response.Body, strings.Join(ex.Request.Header.Values("X-Debug"), ""), strings.Join(ex.Response.Header.Values("X-Echo"), "")} {
		if strings.Contains(s, testToken) {
			t.Errorf("token recorded in %q", s)
		}
	}
	if v := ex.Request.Header.Get("X-Auth-Token"); v != "[REDACTED]" {
		t.Errorf("X-Auth-Token recorded as %q", v)
	}
}

func TestProxyAnswersHealthItself(t *testing.T) {
	forwarded := false
	local := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { forwarded = true }))
	defer local.Close()
	target, _ := url.Parse(local.URL)
	got := newExchanges()
	p, _ := NewProxy(ProxyOptions{Target: target, OnExchange: got.add})
	front := httptest.NewServer(p)
	defer front.Close()
	resp, err := http.Get(front.URL + p.HealthPath())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != p.HealthToken() || forwarded || len(got.all()) != 0 {
		t.Fatalf("health answered %q, forwarded %v, exchanges %d", b, forwarded, len(got.all()))
	}
}

func TestEventOf(t *testing.T) {
	tests := []struct {
		name   string
		params url.Values
		want   string
	}{
		{"answer", url.Values{"Event": {"StartApp"}, "CallStatus": {"in-progress"}}, "StartApp"},
		{"hangup", url.Values{"Event": {"Hangup"}}, "Hangup"},
		{"conference", url.Values{"ConferenceAction": {"enter"}}, "conference:enter"},
		{"dial callback", url.Values{"DialAction": {"answer"}}, "dial:answer"},
		{"dial action", url.Values{"DialStatus": {"completed"}}, "dial-action:completed"},
		{"record", url.Values{"RecordingEndReason": {"HungUp"}}, "record:HungUp"},
		{"gather", url.Values{"InputType": {"dtmf"}, "Digits": {"12"}}, "gather:dtmf"},
		{"nothing", url.Values{"CallUUID": {"x"}}, ""},
	}
	for _, tt := range tests {
		if got := EventOf(tt.params); got != tt.want {
			t.Errorf("%s: EventOf = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestProxyPassesWebSocketUpgrades checks that an upgraded connection (a Vobiz audio stream
// pointed at the tunnel) is relayed both ways and reported with status 101.
func TestProxyPassesWebSocketUpgrades(t *testing.T) {
	front, got := proxyPair(t, func(w http.ResponseWriter, r *http.Request) {
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		rw.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
		rw.Flush()
		line, _ := rw.ReadString('\n')
		rw.WriteString("echo " + line)
		rw.Flush()
	}, ProxyOptions{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(front.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET /stream HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("upgrade answered %v, %v", resp, err)
	}
	io.WriteString(conn, "hello\n")
	line, err := br.ReadString('\n')
	if err != nil || line != "echo hello\n" {
		t.Fatalf("through the upgraded connection got %q, %v", line, err)
	}
	conn.Close()
	if ex := got.wait(t, 1); ex.Response == nil || ex.Response.Status != http.StatusSwitchingProtocols {
		t.Fatalf("exchange = %+v", ex)
	}
}

func TestProxyReportsARepliesCutOff(t *testing.T) {
	cutOff := func(w http.ResponseWriter, r *http.Request) {
		conn, rw, _ := w.(http.Hijacker).Hijack()
		rw.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: 1000\r\n\r\n<Response>")
		rw.Flush()
		conn.Close()
	}
	front, got := proxyPair(t, cutOff, ProxyOptions{})
	resp, err := http.Post(front.URL+"/answer", "application/x-www-form-urlencoded", strings.NewReader("Event=StartApp"))
	if err == nil {
		io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	ex := got.wait(t, 1)
	if ex.Error != errCutOff.Error() || ex.Response == nil || ex.Response.Body != "<Response>" {
		t.Fatalf("exchange = error %q, response %+v", ex.Error, ex.Response)
	}

	local := httptest.NewServer(http.HandlerFunc(cutOff))
	defer local.Close()
	logged := Exchange{ID: "1", Target: local.URL, Request: Message{Method: "POST", URI: "/answer", Body: "Event=StartApp"}}
	out, err := Replay(context.Background(), logged, ReplayOptions{})
	if err != nil || out.Error != errCutOff.Error() {
		t.Fatalf("replay of a cut-off reply = %+v, %v", out, err)
	}
}
