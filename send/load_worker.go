package send

import (
	"context"
	"errors"
	"io"
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
		build:     BuildOptions{Target: o.Target, Signer: o.Signer, Header: o.Header},
		hist:      hdrhistogram.New(1, maxMicros, histSigFigs),
		maxMicros: maxMicros,
		status:    map[int]int64{},
		errs:      map[ErrorKind]int64{},
		example:   map[ErrorKind]string{},
	}
}

func (w *worker) run(ctx context.Context, r *loadRun) {
	for r.next() {
		if ctx.Err() != nil {
			return
		}
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
	hr, err := newHTTPRequest(ctx, req)
	if err != nil {
		return err
	}
	start := time.Now()
	resp, err := r.o.Client.Do(hr)
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

func (w *worker) record(d time.Duration, status int) {
	us := min(max(d.Microseconds(), 1), w.maxMicros)
	_ = w.hist.RecordValue(us) // in range by construction
	w.status[status]++
}
