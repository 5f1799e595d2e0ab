package send

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vobizctl/vobizctl/internal/sigtest"
)

// loadReceiver counts requests, verifies every signature and remembers ids and nonces.
type loadReceiver struct {
	*receiver
	mu       sync.Mutex
	badSigs  int
	callIDs  map[string]bool
	nonces   map[string]bool
	statusOf func(n int64) int
}

func newLoadReceiver(t *testing.T, statusOf func(n int64) int) *loadReceiver {
	lr := &loadReceiver{callIDs: map[string]bool{}, nonces: map[string]bool{}, statusOf: statusOf}
	lr.receiver = newReceiver(t, func(w http.ResponseWriter, r *http.Request) {})
	lr.receiver.reply = lr.reply
	return lr
}

func (lr *loadReceiver) reply(w http.ResponseWriter, r *http.Request) {
	n := lr.hits.Load()
	err := sigtest.Verify(r.Header, "http://"+r.Host+r.URL.Path, testToken, testParentToken)
	lr.mu.Lock()
	if err != nil {
		lr.badSigs++
	}
	lr.nonces[r.Header.Get("X-Vobiz-Signature-V3-Nonce")] = true
	lr.nonces[r.Header.Get("X-Vobiz-Signature-V2-Nonce")] = true
	lr.mu.Unlock()
	status := 200
	if lr.statusOf != nil {
		status = lr.statusOf(n)
	}
	w.WriteHeader(status)
}

func (lr *loadReceiver) calls() int {
	lr.receiver.mu.Lock()
	defer lr.receiver.mu.Unlock()
	for _, g := range lr.receiver.got {
		lr.callIDs[paramMap(g.params)["CallUUID"]] = true
	}
	return len(lr.callIDs)
}

func loadOpts(t *testing.T, url string) LoadOptions {
	target, err := ParseTarget(url, "")
	if err != nil {
		t.Fatal(err)
	}
	return LoadOptions{
		Plan: mustPlan(t, PlanOptions{Event: "hangup"}), Target: target,
		Signer: newTestSigner(t, false),
		Client: &http.Client{Transport: NewTransport(TransportOptions{Conns: 8})}, Timeout: 5 * time.Second,
	}
}

func TestLoadSendsExactlyCount(t *testing.T) {
	tests := []struct {
		name        string
		count       int64
		concurrency int
		rate        float64
	}{
		{"one", 1, 1, 0},
		{"sequential", 25, 1, 0},
		{"parallel", 200, 8, 0},
		{"more workers than requests", 5, 50, 0},
		{"rate limited", 20, 4, 2000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lr := newLoadReceiver(t, nil)
			o := loadOpts(t, lr.srv.URL+"/hangup")
			o.Count, o.Concurrency, o.Rate = tt.count, tt.concurrency, tt.rate
			rep, err := Load(context.Background(), o)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]int64{"200": tt.count}
			if rep.Requests != tt.count || rep.Responses != tt.count || rep.Errors != 0 || lr.hits.Load() != tt.count {
				t.Errorf("requests %d, responses %d, errors %d, server hits %d; want %d each and no errors",
					rep.Requests, rep.Responses, rep.Errors, lr.hits.Load(), tt.count)
			}
			if diff := cmp.Diff(want, rep.Status); diff != "" {
				t.Errorf("status counts (-want +got):\n%s", diff)
			}
			if lr.badSigs != 0 || lr.calls() != int(tt.count) || len(lr.nonces) != int(2*tt.count) {
				t.Errorf("bad signatures %d, distinct CallUUIDs %d, distinct nonces %d; want 0, %d, %d",
					lr.badSigs, lr.calls(), len(lr.nonces), tt.count, 2*tt.count)
			}
			if rep.Failed() || rep.Concurrency != int(min(int64(tt.concurrency), tt.count)) || rep.Latency.Max <= 0 || rep.Latency.P50 > rep.Latency.Max {
				t.Errorf("report %+v", rep)
			}
		})
	}
}

func TestLoadDurationIsBounded(t *testing.T) {
	lr := newLoadReceiver(t, nil)
	o := loadOpts(t, lr.srv.URL+"/hangup")
	o.Duration, o.Concurrency = 150*time.Millisecond, 2
	rep, err := Load(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Requests == 0 || rep.Requests != lr.hits.Load() || rep.Requests > MaxLoadCount {
		t.Errorf("requests %d, server hits %d", rep.Requests, lr.hits.Load())
	}
}

func TestLoadCountsStatusesAndErrors(t *testing.T) {
	lr := newLoadReceiver(t, func(n int64) int {
		if n%2 == 0 {
			return 503
		}
		return 204
	})
	o := loadOpts(t, lr.srv.URL+"/hangup")
	o.Count, o.Concurrency = 40, 1
	rep, err := Load(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int64{"204": 20, "503": 20}, rep.Status); diff != "" {
		t.Errorf("status (-want +got):\n%s", diff)
	}
	if !rep.Failed() || rep.Unreachable() || !cmp.Equal(rep.StatusCodes(), []string{"204", "503"}) {
		t.Errorf("Failed %t Unreachable %t codes %v", rep.Failed(), rep.Unreachable(), rep.StatusCodes())
	}
}

func TestLoadUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String() + "/x"
	_ = ln.Close()
	o := loadOpts(t, url)
	o.Count, o.Concurrency = 6, 3
	rep, err := Load(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Requests != 6 || rep.Errors != 6 || rep.ErrorKinds[ErrRefused] != 6 || !rep.Unreachable() ||
		!strings.Contains(rep.ErrorExamples[ErrRefused], "connection refused") {
		t.Errorf("report %+v", rep)
	}
}

func TestLoadInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	lr := newLoadReceiver(t, func(n int64) int {
		if n >= 10 {
			once.Do(cancel)
		}
		return 200
	})
	o := loadOpts(t, lr.srv.URL+"/x")
	o.Count, o.Concurrency = 100000, 2
	rep, err := Load(ctx, o)
	if !errors.Is(err, context.Canceled) || rep == nil || !rep.Interrupted || rep.Requests >= 100000 {
		t.Fatalf("err %v, report %+v", err, rep)
	}
}

type failingSigner struct{ calls atomic.Int64 }

func (f *failingSigner) Sign(http.Header, SignInput) error {
	f.calls.Add(1)
	return errors.New("no auth token given")
}

func TestLoadStopsOnSigningErrors(t *testing.T) {
	lr := newLoadReceiver(t, nil)
	o := loadOpts(t, lr.srv.URL+"/x")
	o.Count, o.Signer = 10, &failingSigner{}
	if _, err := Load(context.Background(), o); err == nil || lr.hits.Load() != 0 {
		t.Fatalf("err %v, hits %d; want the signing error and no request", err, lr.hits.Load())
	}
}

func TestLoadBound(t *testing.T) {
	tests := []struct {
		name  string
		in    LoadOptions
		want  LoadOptions
		notes []string
	}{
		{"count only", LoadOptions{Count: 10, Concurrency: 4},
			LoadOptions{Count: 10, Duration: MaxLoadDuration, Concurrency: 4, Timeout: 30 * time.Second}, nil},
		{"duration only", LoadOptions{Duration: time.Second},
			LoadOptions{Count: MaxLoadCount, Duration: time.Second, Concurrency: 1, Timeout: 30 * time.Second}, nil},
		{"over every limit", LoadOptions{Count: 5 * MaxLoadCount, Duration: time.Hour, Concurrency: 5000, Rate: 1e9, Timeout: time.Second},
			LoadOptions{Count: MaxLoadCount, Duration: MaxLoadDuration, Concurrency: MaxLoadConcurrency, Rate: MaxLoadRate, Timeout: time.Second},
			[]string{"--count 5000000 lowered to the limit of 1000000", "--duration 1h0m0s lowered to the limit of 10m0s",
				"--concurrency 5000 lowered to the limit of 256", "--rate 1e+09 lowered to the limit of 100000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notes := tt.in.Bound()
			if diff := cmp.Diff(tt.notes, notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
			got := LoadOptions{Count: tt.in.Count, Duration: tt.in.Duration, Concurrency: tt.in.Concurrency, Rate: tt.in.Rate, Timeout: tt.in.Timeout}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b func(LoadProgress)) bool { return true })); diff != "" {
				t.Errorf("bounded options (-want +got):\n%s", diff)
			}
		})
	}
}
