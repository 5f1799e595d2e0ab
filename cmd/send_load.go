package cmd

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/send"
)

func runLoad(c *cobra.Command, f *Factory, opts *sendOptions, job *sendJob) error {
	o := send.LoadOptions{
		Plan: job.plan, Target: job.target, Signer: job.signer, Header: job.header, Client: job.client,
		Count: opts.Count, Duration: opts.Duration, Concurrency: opts.Concurrency, Rate: opts.Rate,
		Timeout: opts.Timeout, Now: f.Now,
	}
	r := f.Renderer()
	for _, note := range o.Bound() {
		if _, err := fmt.Fprintf(r.Err, "%s %s\n", r.ErrStyles.Warning("warning:"), note); err != nil {
			return err
		}
	}
	progress := newProgressLine(f, opts.Count > 0)
	o.Progress = progress.update
	rep, err := send.Load(c.Context(), o)
	progress.clear()
	if rep == nil {
		return err
	}
	if opts.Format == "json" {
		if werr := writeJSON(f, rep); werr != nil {
			return werr
		}
	} else if werr := printLoadReport(r, rep); werr != nil {
		return werr
	}
	switch {
	case err != nil:
		return err
	case rep.Unreachable():
		return &ExitError{Code: ExitCannotRun, Err: fmt.Errorf("none of the %d requests got a reply: %s", rep.Requests, firstErrorExample(rep))}
	case rep.Failed():
		return &ExitError{Code: ExitFindings}
	}
	return nil
}

func firstErrorExample(rep *send.LoadReport) string {
	kinds := make([]string, 0, len(rep.ErrorExamples))
	for k := range rep.ErrorExamples {
		kinds = append(kinds, string(k))
	}
	slices.Sort(kinds)
	if len(kinds) == 0 {
		return "unknown error"
	}
	return rep.ErrorExamples[send.ErrorKind(kinds[0])]
}

func printLoadReport(r *render.Renderer, rep *send.LoadReport) error {
	w := &errWriter{w: r.Out}
	mode := []string{"unsigned", plural(rep.Concurrency, "worker")}
	if rep.Signed {
		mode[0] = "signed"
	}
	if rep.Rate > 0 {
		mode = append(mode, fmt.Sprintf("at most %g/s", rep.Rate))
	}
	w.printf("%s  %s → %s  %s\n", r.Styles.Bold("Load"), rep.Event, rep.URL, r.Styles.Dim("("+strings.Join(mode, " · ")+")"))
	w.printf("  %-9s %d in %.2f s · %s\n", "requests", rep.Requests, rep.ElapsedS, r.Styles.Bold(fmt.Sprintf("%.1f req/s", rep.RPS)))
	var codes []string
	for _, code := range rep.StatusCodes() {
		label := fmt.Sprintf("%s ×%d", code, rep.Status[code])
		if !strings.HasPrefix(code, "2") {
			label = r.Styles.Error(label)
		}
		codes = append(codes, label)
	}
	w.printf("  %-9s %s\n", "status", orDash(strings.Join(codes, " · ")))
	kinds := make([]string, 0, len(rep.ErrorKinds))
	for k, n := range rep.ErrorKinds {
		kinds = append(kinds, fmt.Sprintf("%s ×%d — %s", k, n, rep.ErrorExamples[k]))
	}
	slices.Sort(kinds)
	for i, k := range kinds {
		label := ""
		if i == 0 {
			label = "errors"
		}
		w.printf("  %-9s %s\n", label, r.Styles.Error(k))
	}
	if l := rep.Latency; rep.Responses > 0 {
		w.printf("  %-9s p50 %.2f ms · p90 %.2f ms · p99 %.2f ms · max %.2f ms\n", "latency", l.P50, l.P90, l.P99, l.Max)
	}
	if rep.Interrupted {
		w.printf("  %s\n", r.Styles.Warning("interrupted: partial results"))
	}
	return w.err
}

// progressLine rewrites one status line on a terminal's stderr while a load run goes on; on a
// pipe it prints nothing.
type progressLine struct {
	mu      sync.Mutex
	f       *Factory
	on      bool
	ofCount bool // show "done/count"; else a duration run shows only the count
	width   int
}

func newProgressLine(f *Factory, ofCount bool) *progressLine {
	return &progressLine{f: f, on: f.IO.IsStderrTTY(), ofCount: ofCount}
}

func (p *progressLine) update(s send.LoadProgress) {
	if !p.on {
		return
	}
	done := fmt.Sprint(s.Done)
	if p.ofCount {
		done += fmt.Sprintf("/%d", s.Target)
	}
	line := fmt.Sprintf("  %s requests · %d errors · %.1f s", done, s.Errors, s.Elapsed.Seconds())
	p.mu.Lock()
	defer p.mu.Unlock()
	p.width = max(p.width, len(line))
	_, _ = fmt.Fprintf(p.f.IO.ErrOut, "\r%-*s", p.width, line)
}

func (p *progressLine) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.on && p.width > 0 {
		_, _ = fmt.Fprintf(p.f.IO.ErrOut, "\r%s\r", strings.Repeat(" ", p.width))
	}
}
