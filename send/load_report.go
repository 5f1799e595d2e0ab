package send

import (
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// LoadReport is the outcome of a load run.
type LoadReport struct {
	Event       string  `json:"event"`
	Dialect     string  `json:"dialect"`
	URL         string  `json:"url"`
	Signed      bool    `json:"signed"`
	Concurrency int     `json:"concurrency"`
	Rate        float64 `json:"rate,omitempty"`
	// Requests counts requests that completed: with a reply or with an error.
	Requests  int64   `json:"requests"`
	Responses int64   `json:"responses"`
	Errors    int64   `json:"errors"`
	ElapsedS  float64 `json:"elapsed_s"`
	// RPS is completed requests per second of wall time.
	RPS float64 `json:"requests_per_second"`
	// Status counts replies by HTTP status code.
	Status map[string]int64 `json:"status"`
	// ErrorKinds counts requests without a reply by kind; ErrorExamples holds one message each.
	ErrorKinds    map[ErrorKind]int64  `json:"errors_by_kind,omitempty"`
	ErrorExamples map[ErrorKind]string `json:"error_examples,omitempty"`
	Latency       LatencySummary       `json:"latency_ms"`
	Interrupted   bool                 `json:"interrupted,omitempty"`
}

// LatencySummary holds latency percentiles in milliseconds over the requests that got a reply.
type LatencySummary struct {
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

// Unreachable reports whether no request got a reply.
func (r *LoadReport) Unreachable() bool { return r.Responses == 0 && r.Errors > 0 }

// Failed reports whether any request got no reply or a non-2xx reply.
func (r *LoadReport) Failed() bool {
	if r.Errors > 0 {
		return true
	}
	for code, n := range r.Status {
		if c, _ := strconv.Atoi(code); n > 0 && (c < 200 || c > 299) {
			return true
		}
	}
	return false
}

// StatusCodes returns the status codes seen, in ascending order.
func (r *LoadReport) StatusCodes() []string {
	codes := slices.Collect(maps.Keys(r.Status))
	slices.Sort(codes)
	return codes
}

func (r *loadRun) report(workers []*worker, elapsed time.Duration) *LoadReport {
	p := r.o.Plan
	rep := &LoadReport{
		Event: p.Event.Name, Dialect: p.Dialect.Name, URL: r.o.Target.URL, Signed: r.o.Signer != nil,
		Concurrency: r.o.Concurrency, Rate: r.o.Rate, ElapsedS: elapsed.Seconds(),
		Status: map[string]int64{}, ErrorKinds: map[ErrorKind]int64{}, ErrorExamples: map[ErrorKind]string{},
	}
	merged := hdrhistogram.New(1, workers[0].maxMicros, histSigFigs)
	for _, w := range workers {
		merged.Merge(w.hist)
		for code, n := range w.status {
			rep.Status[strconv.Itoa(code)] += n
			rep.Responses += n
		}
		for kind, n := range w.errs {
			rep.ErrorKinds[kind] += n
			rep.Errors += n
			if _, ok := rep.ErrorExamples[kind]; !ok {
				rep.ErrorExamples[kind] = w.example[kind]
			}
		}
	}
	rep.Requests = rep.Responses + rep.Errors
	if elapsed > 0 {
		rep.RPS = float64(rep.Requests) / elapsed.Seconds()
	}
	if merged.TotalCount() > 0 {
		ms := func(us int64) float64 { return float64(us) / 1000 }
		rep.Latency = LatencySummary{
			P50: ms(merged.ValueAtQuantile(50)), P90: ms(merged.ValueAtQuantile(90)),
			P99: ms(merged.ValueAtQuantile(99)), Max: ms(merged.Max()), Mean: merged.Mean() / 1000,
		}
	}
	return rep
}
