// Package apitest is a fake Vobiz REST API for tests: it checks the auth headers, enforces path
// casing and trailing slashes, keeps Applications in memory, pages lists with relative next
// links, answers with both documented error shapes, injects failures and logs every request.
// It follows ../shared/reference/vobiz-api.md §1–§2; it is an independent model of the API, not
// built on package api, so the client is tested against the reference rather than against
// itself.
package apitest

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Credentials the server accepts unless Config says otherwise.
const (
	DefaultAuthID    = "MA_FAKE0001"
	DefaultAuthToken = "fake-auth-token-0123456789"
)

// Config configures a Server; the zero value is ready to use.
type Config struct {
	// Addr is the listen address, default "127.0.0.1:0" (a free loopback port).
	Addr      string
	AuthID    string
	AuthToken string
	// Now stamps created_at/updated_at; default a fixed instant, so outputs are stable.
	Now func() time.Time
}

// Server is a running fake API. All methods are safe for concurrent use.
type Server struct {
	// URL is the API root to give a client, e.g. "http://127.0.0.1:41234/api/v1".
	URL       string
	AuthID    string
	AuthToken string

	srv *httptest.Server
	now func() time.Time

	mu       sync.Mutex
	apps     map[string]map[string]any
	order    []string          // app IDs in creation order, the list order
	numbers  map[string]string // E.164 number → app ID
	lastID   int64
	apiSeq   int
	failures []Failure
	log      []Request
}

// Request is one logged request. X-Auth-Token is replaced by "[REDACTED]" in Header.
type Request struct {
	Method string
	// Path is the escaped path, e.g. "/api/v1/Account/MA_FAKE0001/Application/".
	Path   string
	Query  string
	Header http.Header
	Body   string
}

// Failure is an injected answer that replaces the normal one.
type Failure struct {
	// Status is the HTTP status to answer with (e.g. 503, 429).
	Status int
	// RetryAfter is sent as the Retry-After header when non-empty.
	RetryAfter string
	// Method and Path, when set, restrict the failure to matching requests (Path relative to
	// the API root, e.g. "/Account/MA_FAKE0001/Application/"); others pass it by.
	Method string
	Path   string
	// Drop closes the connection without any answer. Note that net/http re-sends a GET once
	// by itself when a reused keep-alive connection is dropped; use a fresh transport to see
	// the drop.
	Drop bool
}

// NewServer starts a fake API on a loopback port with the default credentials and stops it
// when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	s, err := Start(Config{})
	if err != nil {
		t.Fatalf("start fake Vobiz API: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake API as cfg says; Close stops it.
func Start(cfg Config) (*Server, error) {
	addr := cfg.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %q: %w", addr, err)
	}
	s := &Server{
		AuthID:    valueOr(cfg.AuthID, DefaultAuthID),
		AuthToken: valueOr(cfg.AuthToken, DefaultAuthToken),
		now:       cfg.Now,
		apps:      map[string]map[string]any{},
		numbers:   map[string]string{},
		lastID:    10000000000000000,
	}
	if s.now == nil {
		fixed := time.Date(2026, 4, 2, 12, 11, 19, 740666000, time.UTC)
		s.now = func() time.Time { return fixed }
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	s.srv.Listener.Close()
	s.srv.Listener = ln
	s.srv.Start()
	s.URL = s.srv.URL + "/api/v1"
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// FailNext makes the next n requests that match f.Method and f.Path (any request when both are
// empty) get f instead of their normal answer.
func (s *Server) FailNext(n int, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures = append(s.failures, f)
	}
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// ClearRequests empties the request log, so a test can look at what one step sent.
func (s *Server) ClearRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// Count returns how many logged requests had this method and path; path is relative to the API
// root ("/Account/MA_FAKE0001/Application/") or absolute ("/api/v1/Account/…").
func (s *Server) Count(method, path string) int {
	if !strings.HasPrefix(path, "/api/") {
		path = "/api/v1" + path
	}
	n := 0
	for _, r := range s.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// AppsPath is the Application collection path relative to the API root.
func (s *Server) AppsPath() string { return "/Account/" + s.AuthID + "/Application/" }

// AppPath is one application's path relative to the API root.
func (s *Server) AppPath(appID string) string { return s.AppsPath() + appID + "/" }

// record logs r and returns its body; the body is read in full (up to 1 MiB).
func (s *Server) record(r *http.Request) []byte {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	header := r.Header.Clone()
	if header.Get("X-Auth-Token") != "" {
		header.Set("X-Auth-Token", "[REDACTED]")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, Request{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Header: header, Body: string(body)})
	return body
}

// takeFailure removes and returns the first injected failure that applies to r, if any.
func (s *Server) takeFailure(r *http.Request) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := strings.TrimPrefix(r.URL.EscapedPath(), "/api/v1")
	for i, f := range s.failures {
		if (f.Method == "" || f.Method == r.Method) && (f.Path == "" || f.Path == path) {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			return f, true
		}
	}
	return Failure{}, false
}

func valueOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
