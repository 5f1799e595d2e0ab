package send

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// histogram bounds: microseconds from 1 µs to the request timeout, three significant digits.
const histSigFigs = 3

// worker sends requests one after another; its counters and histogram are its own, merged at
// the end, so the hot path takes no lock.
type worker struct {
	gen       *Generator
	build     BuildOptions
	rt        http.RoundTripper
	base      *http.Request
	hist      *hdrhistogram.Histogram
	maxMicros int64
	status    map[int]int64
	errs      map[ErrorKind]int64
	example   map[ErrorKind]string
}

func newWorker(o LoadOptions) *worker {
	maxMicros := max(o.Timeout.Microseconds(), 1000)
	return &worker{
		gen:       NewGenerator(0, o.Now),
		rt:        roundTripper(o.Client),
		build:     BuildOptions{Target: o.Target, Signer: o.Signer, Header: o.Header},
		hist:      hdrhistogram.New(1, maxMicros, histSigFigs),
		maxMicros: maxMicros,
		status:    map[int]int64{},
		errs:      map[ErrorKind]int64{},
		example:   map[ErrorKind]string{},
	}
}

// roundTripper is the client's transport, used directly: a load run follows no redirects (a 3xx
// is counted as such) and needs none of the client's per-request bookkeeping.
func roundTripper(c *http.Client) http.RoundTripper {
	if c != nil && c.Transport != nil {
		return c.Transport
	}
	return http.DefaultTransport
}

func (w *worker) run(ctx context.Context, r *loadRun) {
	// Per-request timeouts hang off this worker's own context, not the shared one: registering
	// and removing a child takes the parent's lock, which 256 workers would contend for.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for r.next() {
		err := w.one(ctx, r)
		if errors.Is(err, context.Canceled) {
			return
		}
		r.done.Add(1)
		if err == nil {
			continue
		}
		var de *DeliveryError
		if !errors.As(err, &de) {
			r.abort(err)
			return
		}
		r.errs.Add(1)
		w.errs[de.Kind]++
		if _, seen := w.example[de.Kind]; !seen {
			w.example[de.Kind] = de.Error()
		}
	}
}

// one builds, signs and sends one request and records its latency and status.
func (w *worker) one(ctx context.Context, r *loadRun) error {
	req, err := r.o.Plan.Build(w.gen, w.build)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, r.o.Timeout)
	defer cancel()
	hr, err := w.httpRequest(ctx, req)
	if err != nil {
		return err
	}
	start := time.Now()
	resp, err := w.rt.RoundTrip(hr)
	if err != nil {
		return classify(ctx, req.URL, r.o.Timeout, err)
	}
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrainBytes))
	_ = resp.Body.Close()
	if err != nil {
		return classify(ctx, req.URL, r.o.Timeout, err)
	}
	w.record(time.Since(start), resp.StatusCode)
	return nil
}

// httpRequest turns req into an *http.Request. A POST goes to the same URL every time, so the
// URL is parsed once per worker and each request is a shallow copy of that template.
func (w *worker) httpRequest(ctx context.Context, req *Request) (*http.Request, error) {
	if req.Method == http.MethodGet {
		return newHTTPRequest(ctx, req)
	}
	if w.base == nil || w.base.Method != req.Method {
		base, err := http.NewRequest(req.Method, req.URL, nil)
		if err != nil {
			return nil, err
		}
		w.base = base
	}
	hr := w.base.WithContext(ctx)
	hr.Header = req.Header
	// io.NopCloser over a *bytes.Reader: net/http recognises it as in-memory and writes headers and
	// body in one syscall (a custom ReadCloser would make it flush the headers first).
	hr.Body = io.NopCloser(bytes.NewReader(req.Body))
	hr.ContentLength = int64(len(req.Body))
	return hr, nil
}

func (w *worker) record(d time.Duration, status int) {
	us := min(max(d.Microseconds(), 1), w.maxMicros)
	_ = w.hist.RecordValue(us) // in range by construction
	w.status[status]++
}
