package api_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/vobizctl/vobizctl/internal/api"
	"github.com/vobizctl/vobizctl/internal/api/apitest"
)

// sleepRecorder replaces real waiting: it records each requested delay and returns at once.
type sleepRecorder struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (r *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.delays = append(r.delays, d)
	return ctx.Err()
}

func (r *sleepRecorder) got() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.delays...)
}

// newTestClient returns a client for s with instant, recorded sleeps, no jitter, and backoff
// 100ms, 200ms, 400ms…; edit adjusts the options.
func newTestClient(t *testing.T, s *apitest.Server, edit func(*api.Options)) (*api.Client, *sleepRecorder) {
	t.Helper()
	rec := &sleepRecorder{}
	opts := api.Options{
		BaseURL:   s.URL,
		AuthID:    s.AuthID,
		AuthToken: s.AuthToken,
		UserAgent: "vobizctl/test",
		Retry:     api.RetryPolicy{BaseDelay: 100 * time.Millisecond},
		Sleep:     rec.sleep,
		Jitter:    func(d time.Duration) time.Duration { return d },
	}
	if edit != nil {
		edit(&opts)
	}
	return api.New(opts), rec
}

func ptr[T any](v T) *T { return &v }
