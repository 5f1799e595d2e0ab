package send

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// The hard limits of a load run. A run is always bounded in count and in time, whatever is asked.
const (
	MaxLoadCount       = 1_000_000
	MaxLoadDuration    = 10 * time.Minute
	MaxLoadConcurrency = 256
	MaxLoadRate        = 100_000
)

// LoadOptions configure a load run. At least one of Count and Duration should be set; the other
// then defaults to its hard limit.
type LoadOptions struct {
	Plan   *Plan
	Target Target
	Signer Signer
	Header http.Header
	// Client's Transport sends the requests (nil: http.DefaultTransport); redirects are not
	// followed.
	Client      *http.Client
	Count       int64
	Duration    time.Duration
	Concurrency int
	// Rate is the highest request rate per second (0: as fast as the server answers).
	Rate float64
	// Timeout bounds each request (0: 30 s).
	Timeout time.Duration
	// Now is the clock of generated values (nil: time.Now).
	Now func() time.Time
	// Progress, when set, is called about five times a second from one goroutine.
	Progress func(LoadProgress)
}

// LoadProgress is a snapshot of a running load test.
type LoadProgress struct {
	Done    int64
	Errors  int64
	Target  int64
	Elapsed time.Duration
}

// Bound applies the defaults and hard limits and returns a note for each value it lowered.
func (o *LoadOptions) Bound() []string {
	var notes []string
	limit := func(name string, v *int64, maxV int64) {
		if *v > maxV {
			notes = append(notes, fmt.Sprintf("%s %d lowered to the limit of %d", name, *v, maxV))
			*v = maxV
		}
	}
	if o.Count <= 0 {
		o.Count = MaxLoadCount
	}
	limit("--count", &o.Count, MaxLoadCount)
	if o.Duration <= 0 {
		o.Duration = MaxLoadDuration
	} else if o.Duration > MaxLoadDuration {
		notes = append(notes, fmt.Sprintf("--duration %s lowered to the limit of %s", o.Duration, MaxLoadDuration))
		o.Duration = MaxLoadDuration
	}
	conc := int64(max(o.Concurrency, 1))
	limit("--concurrency", &conc, MaxLoadConcurrency)
	o.Concurrency = int(min(conc, o.Count))
	if o.Rate > MaxLoadRate {
		notes = append(notes, fmt.Sprintf("--rate %g lowered to the limit of %d", o.Rate, MaxLoadRate))
		o.Rate = MaxLoadRate
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	return notes
}

// loadRun is the shared state of the workers.
type loadRun struct {
	o        LoadOptions
	start    time.Time
	interval time.Duration
	// stopped is set when the duration is over or the run is cancelled; stopCh is closed then.
	// Workers poll the flag instead of a shared context, whose mutex they would contend for.
	stopped  atomic.Bool
	stopOnce sync.Once
	stopCh   chan struct{}
	timedOut atomic.Bool
	issued   atomic.Int64
	done     atomic.Int64
	errs     atomic.Int64
	failOnce sync.Once
	fail     error
	cancel   context.CancelFunc
}

// Load runs a bounded load test: Count requests, or as many as fit in Duration, from Concurrency
// workers, each request freshly built and signed. Requests in flight when Duration ends finish.
// On interruption the partial report is returned with context.Canceled.
func Load(ctx context.Context, o LoadOptions) (*LoadReport, error) {
	o.Bound()
	if _, err := o.Plan.Build(NewGenerator(0, o.Now), BuildOptions{Target: o.Target, Signer: o.Signer}); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	run := &loadRun{o: o, start: time.Now(), cancel: cancel}
	if o.Rate > 0 {
		run.interval = time.Duration(float64(time.Second) / o.Rate)
	}
	run.stopCh = make(chan struct{})
	timer := time.AfterFunc(o.Duration, func() { run.timedOut.Store(true); run.halt() })
	defer timer.Stop()
	stopOnCancel := context.AfterFunc(ctx, run.halt)
	defer stopOnCancel()
	workers := make([]*worker, o.Concurrency)
	var wg sync.WaitGroup
	for i := range workers {
		workers[i] = newWorker(o)
		wg.Go(func() { workers[i].run(ctx, run) })
	}
	progressDone := run.reportProgress(o.Progress)
	wg.Wait()
	close(progressDone)
	rep := run.report(workers, time.Since(run.start))
	if run.fail != nil {
		return rep, run.fail
	}
	if ctx.Err() != nil && !run.timedOut.Load() {
		rep.Interrupted = true
		return rep, context.Canceled
	}
	return rep, nil
}

// next claims the next request, waiting for its slot when a rate is set. It reports false when
// the count is reached, the duration is over or the run was cancelled.
func (r *loadRun) next() bool {
	i := r.issued.Add(1) - 1
	if i >= r.o.Count || r.stopped.Load() {
		return false
	}
	if r.interval <= 0 {
		return true
	}
	wait := time.Until(r.start.Add(time.Duration(i) * r.interval))
	if wait <= 0 {
		return true
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return !r.stopped.Load()
	case <-r.stopCh:
		return false
	}
}

// halt stops issuing requests; requests in flight finish.
func (r *loadRun) halt() {
	r.stopOnce.Do(func() {
		r.stopped.Store(true)
		close(r.stopCh)
	})
}

// abort stops the run after an error that would repeat on every request (e.g. signing).
func (r *loadRun) abort(err error) {
	r.failOnce.Do(func() {
		r.fail = err
		r.cancel()
	})
}

func (r *loadRun) reportProgress(fn func(LoadProgress)) chan struct{} {
	done := make(chan struct{})
	if fn == nil {
		return done
	}
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fn(LoadProgress{Done: r.done.Load(), Errors: r.errs.Load(), Target: r.o.Count, Elapsed: time.Since(r.start)})
			}
		}
	}()
	return done
}
