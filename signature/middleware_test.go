package signature

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock shared with the server goroutines.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// callbackServer starts a server whose handler, behind the middleware, records the form it got.
func callbackServer(t *testing.T, opts MiddlewareOptions) (srv *httptest.Server, got *[]string) {
	t.Helper()
	var mu sync.Mutex
	var calls []string
	mw, err := Middleware(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv = httptest.NewServer(mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, r.FormValue("CallUUID"))
		fmt.Fprint(w, "<Response/>")
	})))
	t.Cleanup(srv.Close)
	return srv, &calls
}

// post sends a form POST to srv+path with headers h and returns the status code.
func post(t *testing.T, srv *httptest.Server, path string, h http.Header, form url.Values) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = h.Clone()
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode
}

// signed returns the platform's headers for url with fresh nonces.
func signed(t *testing.T, schemes []Scheme, rawURL string, form url.Values) http.Header {
	t.Helper()
	hs, err := Sign(SignOptions{Token: testToken, ParentToken: testParent, Schemes: schemes}, Request{URL: rawURL, Params: form})
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	hs.Apply(h)
	return h
}

func TestMiddleware(t *testing.T) {
	form := url.Values{"CallUUID": {"abc"}, "Event": {"StartApp"}}
	tests := []struct {
		name    string
		opts    MiddlewareOptions
		headers func(srvURL string) http.Header
		want    int
	}{
		{"valid", MiddlewareOptions{},
			func(u string) http.Header { return signed(t, nil, u+"/answer", nil) }, http.StatusOK},
		{"wrong signature", MiddlewareOptions{},
			func(u string) http.Header { return header(HeaderV3, a3V3, HeaderV3Nonce, a3Nonce) }, http.StatusForbidden},
		{"no signature headers", MiddlewareOptions{},
			func(u string) http.Header { return http.Header{} }, http.StatusForbidden},
		{"signed for another path", MiddlewareOptions{},
			func(u string) http.Header { return signed(t, nil, u+"/hangup", nil) }, http.StatusForbidden},
		{"public base URL", MiddlewareOptions{PublicBaseURL: "https://abc.ngrok.app"},
			func(string) http.Header { return signed(t, nil, "https://abc.ngrok.app/answer", nil) }, http.StatusOK},
		{"public base URL with prefix and slash", MiddlewareOptions{PublicBaseURL: "https://example.com/app/"},
			func(string) http.Header { return signed(t, nil, "https://example.com/app/answer", nil) }, http.StatusOK},
		{"public base URL ignores forwarded headers", MiddlewareOptions{PublicBaseURL: "https://abc.ngrok.app", TrustForwardedHeaders: true},
			func(string) http.Header {
				return withHeader(signed(t, nil, "https://evil.example/answer", nil), "X-Forwarded-Host", "evil.example")
			}, http.StatusForbidden},
		{"forwarded headers trusted", MiddlewareOptions{TrustForwardedHeaders: true},
			func(string) http.Header { return proxied(signed(t, nil, "https://abc.ngrok.app/answer", nil)) }, http.StatusOK},
		{"forwarded headers not trusted", MiddlewareOptions{},
			func(string) http.Header { return proxied(signed(t, nil, "https://abc.ngrok.app/answer", nil)) }, http.StatusForbidden},
		{"plivo-v3 signs the form body", MiddlewareOptions{Schemes: []Scheme{PlivoV3}},
			func(u string) http.Header { return signed(t, []Scheme{PlivoV3}, u+"/answer", form) }, http.StatusOK},
		{"v1 signs the form body", MiddlewareOptions{Schemes: []Scheme{V1}},
			func(u string) http.Header { return signed(t, []Scheme{V1}, u+"/answer", form) }, http.StatusOK},
		{"plivo-v3 with another body", MiddlewareOptions{Schemes: []Scheme{PlivoV3}},
			func(u string) http.Header {
				return signed(t, []Scheme{PlivoV3}, u+"/answer", url.Values{"CallUUID": {"other"}})
			}, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Token, tt.opts.ParentToken = testToken, testParent
			srv, calls := callbackServer(t, tt.opts)
			if got := post(t, srv, "/answer", tt.headers(srv.URL), form); got != tt.want {
				t.Fatalf("status = %d, want %d", got, tt.want)
			}
			wantCalls := 0
			if tt.want == http.StatusOK {
				wantCalls = 1
			}
			if len(*calls) != wantCalls || (wantCalls == 1 && (*calls)[0] != "abc") {
				t.Errorf("handler calls = %q, want %d with the form intact", *calls, wantCalls)
			}
		})
	}
}

// proxied adds what a TLS-terminating tunnel in front of the server adds.
func proxied(h http.Header) http.Header {
	h.Set("X-Forwarded-Proto", "https")
	h.Set("X-Forwarded-Host", "abc.ngrok.app")
	return h
}

func TestMiddlewareReplay(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)}
	var rejected []error
	var mu sync.Mutex
	opts := MiddlewareOptions{Token: testToken, ParentToken: testParent, Now: clock.Now,
		OnReject: func(w http.ResponseWriter, _ *http.Request, err error) {
			mu.Lock()
			rejected = append(rejected, err)
			mu.Unlock()
			w.WriteHeader(http.StatusForbidden)
		}}
	srv, _ := callbackServer(t, opts)
	h := signed(t, nil, srv.URL+"/answer", nil)
	v2Only := header(HeaderV2, h.Get(HeaderV2), HeaderV2Nonce, h.Get(HeaderV2Nonce))
	unpadded := header(HeaderV3, strings.TrimRight(h.Get(HeaderV3), "="), HeaderV3Nonce, h.Get(HeaderV3Nonce))
	steps := []struct {
		name    string
		advance time.Duration
		h       http.Header
		want    int
	}{
		{"first delivery", 0, h, http.StatusOK},
		{"same request again", time.Minute, h, http.StatusForbidden},
		{"only the V2 pair of it", time.Minute, v2Only, http.StatusForbidden},
		{"the V3 pair spelled unpadded", time.Minute, unpadded, http.StatusForbidden},
		{"a fresh request", 0, signed(t, nil, srv.URL+"/answer", nil), http.StatusOK},
		{"still within 24 h", 23 * time.Hour, h, http.StatusForbidden},
		{"after 24 h the pair is forgotten", time.Hour, h, http.StatusOK},
	}
	for _, st := range steps {
		clock.Advance(st.advance)
		if got := post(t, srv, "/answer", st.h, nil); got != st.want {
			t.Fatalf("%s: status = %d, want %d", st.name, got, st.want)
		}
	}
	for _, err := range rejected {
		if !errors.Is(err, ErrReplay) {
			t.Errorf("rejection %v, want ErrReplay", err)
		}
	}
	if len(rejected) != 4 {
		t.Errorf("%d rejections, want 4", len(rejected))
	}
}

func TestMiddlewareOptionsErrors(t *testing.T) {
	tests := []struct {
		name string
		opts MiddlewareOptions
		want string
	}{
		{"no token", MiddlewareOptions{}, "no auth token given"},
		{"public URL with query", MiddlewareOptions{Token: "t", PublicBaseURL: "https://x.example/?a=1"}, `public base URL "https://x.example/?a=1": want scheme://host[/prefix]`},
		{"public URL relative", MiddlewareOptions{Token: "t", PublicBaseURL: "x.example"}, `public base URL: invalid URL "x.example"`},
		{"bad scheme", MiddlewareOptions{Token: "t", Schemes: []Scheme{"v9"}}, `unknown signature scheme "v9"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Middleware(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestMiddlewareBodyLimit(t *testing.T) {
	opts := MiddlewareOptions{Token: testToken, Schemes: []Scheme{PlivoV3}, MaxBodyBytes: 16}
	srv, calls := callbackServer(t, opts)
	form := url.Values{"CallUUID": {strings.Repeat("x", 64)}}
	if got := post(t, srv, "/answer", signed(t, []Scheme{PlivoV3}, srv.URL+"/answer", form), form); got != http.StatusForbidden {
		t.Errorf("status = %d, want 403 for a body over the limit", got)
	}
	if len(*calls) != 0 {
		t.Errorf("handler called %d times", len(*calls))
	}
}

func TestReplayCacheBounded(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newReplayCache(time.Hour, 3)
	for i, k := range []string{"a", "b", "c", "d"} {
		if c.checkAndAdd([]string{k}, start.Add(time.Duration(i)*time.Second)) {
			t.Fatalf("%q reported as replayed", k)
		}
	}
	if c.size() != 3 {
		t.Errorf("size = %d, want 3", c.size())
	}
	now := start.Add(time.Minute)
	tests := []struct {
		key  string
		want bool
	}{{"a", false}, {"c", true}, {"d", true}}
	for _, tt := range tests {
		if got := c.checkAndAdd([]string{tt.key}, now); got != tt.want {
			t.Errorf("checkAndAdd(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
	if c.checkAndAdd([]string{"z"}, start.Add(2*time.Hour)); c.size() != 1 {
		t.Errorf("after the window size = %d, want 1 (only z)", c.size())
	}
}

func TestReplayCacheManyKeys(t *testing.T) {
	c := newReplayCache(time.Hour, 100)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10_000 {
		c.checkAndAdd([]string{fmt.Sprint(i), fmt.Sprint(i)}, now)
	}
	if c.size() != 100 || len(c.queue)-c.head != 100 || len(c.queue) > 400 {
		t.Errorf("size %d, queue %d (head %d): want 100 live entries in a compacted queue", c.size(), len(c.queue), c.head)
	}
}
