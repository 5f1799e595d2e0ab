package api_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apitest"
)

func TestSafeRequestsAreRetried(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name       string
		failures   []apitest.Failure
		call       func(c *api.Client, s *apitest.Server, id string) error
		method     string
		wantSleeps []time.Duration
		wantStatus int // 0: success
	}{
		{"GET after two 503s", []apitest.Failure{{Status: 503}, {Status: 503}}, getApp, "GET",
			[]time.Duration{100 * ms, 200 * ms}, 0},
		{"GET honours Retry-After seconds", []apitest.Failure{{Status: 429, RetryAfter: "7"}}, getApp, "GET",
			[]time.Duration{7 * time.Second}, 0},
		{"Retry-After is capped", []apitest.Failure{{Status: 429, RetryAfter: "3600"}}, getApp, "GET",
			[]time.Duration{30 * time.Second}, 0},
		{"502 and 504", []apitest.Failure{{Status: 502}, {Status: 504}}, listApps, "GET",
			[]time.Duration{100 * ms, 200 * ms}, 0},
		{"DELETE after a 503", []apitest.Failure{{Status: 503}}, deleteApp, "DELETE",
			[]time.Duration{100 * ms}, 0},
		{"gives up after MaxAttempts", []apitest.Failure{{Status: 503}, {Status: 503}, {Status: 503}, {Status: 503}}, getApp, "GET",
			[]time.Duration{100 * ms, 200 * ms, 400 * ms}, 503},
		{"500 is not retried", []apitest.Failure{{Status: 500}}, getApp, "GET", nil, 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := apitest.NewServer(t)
			c, rec := newTestClient(t, s, nil)
			id := s.AddApp("a", "https://example.com/a")
			for _, f := range tt.failures {
				s.FailNext(1, f)
			}
			err := tt.call(c, s, id)
			checkStatus(t, err, tt.wantStatus)
			if diff := cmp.Diff(tt.wantSleeps, rec.got()); diff != "" {
				t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
			}
			if got, want := len(s.Requests()), len(tt.wantSleeps)+1; got != want {
				t.Errorf("%d requests sent, want %d", got, want)
			}
		})
	}
}

func TestRetryAfterHTTPDateUsesTheClock(t *testing.T) {
	s := apitest.NewServer(t)
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	c, rec := newTestClient(t, s, func(o *api.Options) { o.Now = func() time.Time { return now } })
	s.FailNext(1, apitest.Failure{Status: 503, RetryAfter: "Fri, 01 May 2026 12:00:05 GMT"})
	if _, err := c.ListApplications(t.Context(), api.ListOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{5 * time.Second}, rec.got()); diff != "" {
		t.Errorf("sleeps mismatch (-want +got):\n%s", diff)
	}
}

func TestCreateIsSentExactlyOnce(t *testing.T) {
	tests := []struct {
		name    string
		failure apitest.Failure
		status  int
	}{
		{"503", apitest.Failure{Status: 503, RetryAfter: "1"}, 503},
		{"429", apitest.Failure{Status: 429, RetryAfter: "1"}, 429},
		{"502", apitest.Failure{Status: 502}, 502},
		{"connection dropped", apitest.Failure{Drop: true}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := apitest.NewServer(t)
			c, rec := newTestClient(t, s, nil)
			s.FailNext(3, tt.failure)
			_, err := c.CreateApplication(t.Context(), api.CreateParams{AppName: "a", AnswerURL: "https://example.com/a"})
			if err == nil {
				t.Fatal("create succeeded, want the injected failure")
			}
			if tt.status != 0 {
				checkStatus(t, err, tt.status)
			} else if re := (*api.RequestError)(nil); !errors.As(err, &re) {
				t.Errorf("err = %T %v, want *api.RequestError", err, err)
			}
			if n := s.Count("POST", s.AppsPath()); n != 1 {
				t.Errorf("create sent %d times, want exactly 1", n)
			}
			if len(rec.got()) != 0 || len(s.Apps()) != 0 {
				t.Errorf("sleeps %v, apps %v; want no retry and no app", rec.got(), s.Apps())
			}
		})
	}
}

func TestUpdateIsNeverRetried(t *testing.T) {
	s := apitest.NewServer(t)
	c, _ := newTestClient(t, s, nil)
	id := s.AddApp("a", "https://example.com/a")
	s.FailNext(2, apitest.Failure{Status: 503})
	_, err := c.UpdateApplication(t.Context(), id, api.UpdateParams{AppName: ptr("b")})
	checkStatus(t, err, 503)
	if n := s.Count("POST", s.AppPath(id)); n != 1 {
		t.Errorf("update sent %d times, want 1", n)
	}
}

func TestDroppedGetIsNotRetried(t *testing.T) {
	// The request reached the server, so it is not a dial error; a fresh transport keeps
	// net/http's own idle-connection retry out of the picture.
	s := apitest.NewServer(t)
	c, rec := newTestClient(t, s, func(o *api.Options) { o.HTTPClient = &http.Client{Transport: &http.Transport{}} })
	s.FailNext(1, apitest.Failure{Drop: true})
	_, err := c.ListApplications(t.Context(), api.ListOptions{})
	var re *api.RequestError
	if !errors.As(err, &re) || len(rec.got()) != 0 {
		t.Errorf("err = %v, sleeps %v; want a RequestError without retries", err, rec.got())
	}
}

func TestDeleteRetryThatFindsTheAppGoneSucceeds(t *testing.T) {
	// The first DELETE worked but its answer was a gateway error; the retry sees 404.
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusGatewayTimeout)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"error":"Application not found","app_id":"1"}`))
	}))
	defer srv.Close()
	c := api.New(api.Options{BaseURL: srv.URL, AuthID: "MA_X", AuthToken: "t", Sleep: func(context.Context, time.Duration) error { return nil }})
	if err := c.DeleteApplication(t.Context(), "1"); err != nil {
		t.Errorf("delete = %v, want success", err)
	}
	if err := c.DeleteApplication(t.Context(), "1"); !api.IsNotFound(err) {
		t.Errorf("delete of a missing app = %v, want 404", err)
	}
}

func TestDialErrorsAreRetriedForGet(t *testing.T) {
	s := apitest.NewServer(t)
	var dials atomic.Int32
	dialer := &net.Dialer{}
	transport := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) <= 2 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connection refused")}
		}
		return dialer.DialContext(ctx, network, addr)
	}}
	c, rec := newTestClient(t, s, func(o *api.Options) { o.HTTPClient = &http.Client{Transport: transport} })
	if _, err := c.ListApplications(t.Context(), api.ListOptions{}); err != nil {
		t.Fatalf("list = %v, want success on the third dial", err)
	}
	if got := len(rec.got()); got != 2 || len(s.Requests()) != 1 {
		t.Errorf("sleeps %d, requests %d; want 2 and 1", got, len(s.Requests()))
	}

	transport.CloseIdleConnections() // force a new dial
	dials.Store(0)
	_, err := c.CreateApplication(t.Context(), api.CreateParams{AppName: "a", AnswerURL: "https://e.com/a"})
	var re *api.RequestError
	if !errors.As(err, &re) || dials.Load() != 1 {
		t.Errorf("create = %v after %d dials; want one dial and a RequestError", err, dials.Load())
	}
}

func TestClosedPortGivesUpAfterMaxAttempts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	rec := &sleepRecorder{}
	c := api.New(api.Options{BaseURL: "http://" + addr + "/api/v1", AuthID: "MA_X", AuthToken: "t",
		Retry: api.RetryPolicy{MaxAttempts: 3}, Sleep: rec.sleep})
	_, err = c.GetApplication(t.Context(), "1")
	var re *api.RequestError
	if !errors.As(err, &re) || re.Method != "GET" || re.Path != "/Account/MA_X/Application/1/" {
		t.Fatalf("err = %#v, want a RequestError for GET /Account/MA_X/Application/1/", err)
	}
	if n := len(rec.got()); n != 2 {
		t.Errorf("%d backoff sleeps, want 2 (3 attempts)", n)
	}
}

func TestCancelDuringBackoffStops(t *testing.T) {
	s := apitest.NewServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	c, _ := newTestClient(t, s, func(o *api.Options) {
		o.Sleep = func(ctx context.Context, _ time.Duration) error {
			cancel() // Ctrl-C arrives while waiting
			<-ctx.Done()
			return ctx.Err()
		}
	})
	s.FailNext(5, apitest.Failure{Status: 503})
	_, err := c.ListApplications(ctx, api.ListOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if n := len(s.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestCancelDuringRequest(t *testing.T) {
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done()
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		<-arrived
		cancel()
	}()
	c := api.New(api.Options{BaseURL: srv.URL, AuthID: "MA_X", AuthToken: "t"})
	_, err := c.ListApplications(ctx, api.ListOptions{})
	var re *api.RequestError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &re) || re.Timeout != 0 {
		t.Errorf("err = %v, want a cancelled RequestError", err)
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	c := api.New(api.Options{BaseURL: srv.URL, AuthID: "MA_X", AuthToken: "t", Timeout: 20 * time.Millisecond})
	_, err := c.GetApplication(t.Context(), "1")
	want := "GET /Account/MA_X/Application/1/: timed out after 20ms"
	if err == nil || err.Error() != want || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want %q wrapping context.DeadlineExceeded", err, want)
	}
	if calls.Load() != 1 {
		t.Errorf("%d calls, want 1: a timed-out request may have been processed, so it is not retried", calls.Load())
	}
}

func getApp(c *api.Client, _ *apitest.Server, id string) error {
	_, err := c.GetApplication(context.Background(), id)
	return err
}

func listApps(c *api.Client, _ *apitest.Server, _ string) error {
	_, err := c.ListApplications(context.Background(), api.ListOptions{})
	return err
}

func deleteApp(c *api.Client, _ *apitest.Server, id string) error {
	return c.DeleteApplication(context.Background(), id)
}

// checkStatus asserts err is an HTTPError with status, or nil when status is 0.
func checkStatus(t *testing.T, err error, status int) {
	t.Helper()
	var he *api.HTTPError
	switch {
	case status == 0 && err != nil:
		t.Errorf("unexpected error: %v", err)
	case status != 0 && (!errors.As(err, &he) || he.StatusCode != status):
		t.Errorf("err = %v, want HTTP %d", err, status)
	}
}
