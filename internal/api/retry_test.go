package api

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"seconds", "7", 7 * time.Second, true},
		{"zero", "0", 0, true},
		{"spaces", " 3 ", 3 * time.Second, true},
		{"negative", "-5", 0, false},
		{"huge capped at a day", "99999999999", 24 * time.Hour, true},
		{"http date", "Fri, 01 May 2026 12:00:42 GMT", 42 * time.Second, true},
		{"date in the past", "Fri, 01 May 2026 11:00:00 GMT", 0, true},
		{"empty", "", 0, false},
		{"garbage", "soon", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parseRetryAfter(tt.value, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestBackoffDoublesUpToMaxDelay(t *testing.T) {
	c := New(Options{
		Retry:  RetryPolicy{BaseDelay: time.Second, MaxDelay: 5 * time.Second},
		Jitter: func(d time.Duration) time.Duration { return d },
	})
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second}
	for i, w := range want {
		if got := c.backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := c.backoff(200); got != 5*time.Second {
		t.Errorf("backoff(200) = %v, want the 5s cap (no overflow)", got)
	}
}

func TestHalfJitterStaysInRange(t *testing.T) {
	for range 200 {
		d := halfJitter(time.Second)
		if d < 500*time.Millisecond || d > time.Second {
			t.Fatalf("halfJitter(1s) = %v, want within [500ms, 1s]", d)
		}
	}
}

func TestRetryDelay(t *testing.T) {
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	readErr := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	status := func(code int, retryAfter string) *response {
		h := http.Header{}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		return &response{status: code, header: h}
	}
	tests := []struct {
		name      string
		method    string
		attempt   int
		resp      *response
		err       error
		wantRetry bool
		wantWait  time.Duration
	}{
		{"GET 503 backs off", "GET", 1, status(503, ""), nil, true, time.Second},
		{"GET 502 second attempt doubles", "GET", 2, status(502, ""), nil, true, 2 * time.Second},
		{"GET 504", "GET", 1, status(504, ""), nil, true, time.Second},
		{"DELETE 429 honours Retry-After", "DELETE", 1, status(429, "9"), nil, true, 9 * time.Second},
		{"Retry-After capped", "GET", 1, status(429, "3600"), nil, true, 20 * time.Second},
		{"GET 500 is not retried", "GET", 1, status(500, ""), nil, false, 0},
		{"GET 404 is not retried", "GET", 1, status(404, ""), nil, false, 0},
		{"POST 503 is never retried", "POST", 1, status(503, ""), nil, false, 0},
		{"POST 429 is never retried", "POST", 1, status(429, "1"), nil, false, 0},
		{"POST dial error is never retried", "POST", 1, nil, dialErr, false, 0},
		{"GET dial error", "GET", 1, nil, fmt.Errorf("wrapped: %w", dialErr), true, time.Second},
		{"GET error after sending", "GET", 1, nil, readErr, false, 0},
		{"DELETE error after sending", "DELETE", 1, nil, readErr, false, 0},
		{"cancelled dial", "GET", 1, nil, &net.OpError{Op: "dial", Err: context.Canceled}, false, 0},
		{"attempts exhausted", "GET", 3, status(503, ""), nil, false, 0},
	}
	c := New(Options{
		Retry:  RetryPolicy{MaxAttempts: 3, BaseDelay: time.Second, MaxRetryAfter: 20 * time.Second},
		Jitter: func(d time.Duration) time.Duration { return d },
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wait, retry := c.retryDelay(context.Background(), tt.method, tt.attempt, tt.resp, tt.err)
			if retry != tt.wantRetry || wait != tt.wantWait {
				t.Errorf("retryDelay = %v, %v; want %v, %v", wait, retry, tt.wantWait, tt.wantRetry)
			}
		})
	}
}

func TestRetryDelayUsesEnvelopeRetryAfter(t *testing.T) {
	c := New(Options{Jitter: func(d time.Duration) time.Duration { return d }})
	resp := &response{status: 429, header: http.Header{},
		body: []byte(`{"status":"error","error":{"code":"RATE_LIMIT_EXCEEDED","message":"slow down","details":{"retryAfter":4}}}`)}
	wait, retry := c.retryDelay(context.Background(), "GET", 1, resp, nil)
	if !retry || wait != 4*time.Second {
		t.Errorf("retryDelay = %v, %v; want 4s, true", wait, retry)
	}
}

func TestRetryDelayStopsWhenContextDone(t *testing.T) {
	c := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, retry := c.retryDelay(ctx, "GET", 1, &response{status: 503, header: http.Header{}}, nil); retry {
		t.Error("retryDelay retried although the context was cancelled")
	}
}

func TestSleepContextReturnsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// An hour-long sleep must end at once: the test would time out otherwise.
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepContext = %v, want context.Canceled", err)
	}
	if err := sleepContext(context.Background(), 0); err != nil {
		t.Errorf("sleepContext(0) = %v, want nil", err)
	}
}
