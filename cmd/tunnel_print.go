package cmd

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/vobizctl/vobizctl/internal/render"
	"github.com/vobizctl/vobizctl/tunnel"
)

// tunnelPrinter renders a session's events: stdout gets the ready line and one line per
// exchange (NDJSON with --format json), stderr gets notes, warnings and progress. Events arrive
// from several goroutines, so every write holds mu.
type tunnelPrinter struct {
	r        *render.Renderer
	json     bool
	progress bool
	log      *tunnel.LogFile
	target   string

	mu        sync.Mutex
	logFailed bool
}

func newTunnelPrinter(f *Factory, format, logPath string) (*tunnelPrinter, error) {
	p := &tunnelPrinter{r: f.Renderer(), json: format == "json", progress: f.IO.IsStderrTTY()}
	if logPath != "" {
		lf, err := tunnel.OpenLog(logPath)
		if err != nil {
			return nil, err
		}
		p.log = lf
	}
	return p, nil
}

func (p *tunnelPrinter) close() {
	if p.log != nil {
		_ = p.log.Close()
	}
}

func (p *tunnelPrinter) events() tunnel.Events {
	return tunnel.Events{
		Recovered: p.recovered, Progress: p.step, Ready: p.ready, Exchange: p.exchange,
		LocalState: p.localState, Restored: p.restored,
	}
}

// note writes an informational line to stderr.
func (p *tunnelPrinter) note(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.r.Err, "%s %s\n", p.r.ErrStyles.Dim("note:"), msg)
}

func (p *tunnelPrinter) step(msg string) {
	if !p.progress {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.r.Err, p.r.ErrStyles.Dim("… "+msg))
}

func (p *tunnelPrinter) recovered(rep tunnel.RestoreReport) {
	p.mu.Lock()
	defer p.mu.Unlock()
	j := rep.Journal
	fmt.Fprintf(p.r.Err, "%s a crashed session (pid %d, %s) left application %s pointing at %s; restored it first: %s\n",
		p.r.ErrStyles.Warning("warning:"), j.PID, j.CreatedAt.Local().Format(time.DateTime), j.AppID, j.PublicURL, describeURLs(j.Original))
}

func (p *tunnelPrinter) ready(r tunnel.Ready) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.target = r.Target
	if p.json {
		p.writeJSON(r)
	} else {
		fmt.Fprintf(p.r.Out, "Tunnel %s -> %s (proxy on %s, %s)\n", p.r.Styles.Bold(r.PublicURL), r.Target, r.Listen, r.Provider)
	}
	if r.AppID != "" {
		fmt.Fprintf(p.r.Err, "%s application %s (%s) now uses %s; Ctrl-C puts it back\n",
			p.r.ErrStyles.Success("✓"), r.AppID, r.AppName, describeURLs(r.URLs))
	}
}

func (p *tunnelPrinter) exchange(ex tunnel.Exchange) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.log != nil && !p.logFailed {
		if err := p.log.Write(ex); err != nil {
			p.logFailed = true
			fmt.Fprintf(p.r.Err, "%s %v; logging stopped\n", p.r.ErrStyles.Warning("warning:"), err)
		}
	}
	if p.json {
		p.writeJSON(summarizeExchange(ex))
		return
	}
	writeExchangeLines(p.r.Out, p.r.Styles, ex)
}

func (p *tunnelPrinter) localState(up bool, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if up {
		fmt.Fprintf(p.r.Err, "%s the local server is up\n", p.r.ErrStyles.Success("✓"))
		return
	}
	fmt.Fprintf(p.r.Err, "%s the local server is not listening (%v); calls get HTTP 502 until it starts — still checking\n",
		p.r.ErrStyles.Warning("warning:"), err)
}

func (p *tunnelPrinter) restored(rep *tunnel.RestoreReport, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		fmt.Fprintf(p.r.Err, "%s %v\n", p.r.ErrStyles.Error("error:"), err)
		if h, ok := err.(interface{ Hint() string }); ok {
			fmt.Fprintf(p.r.Err, "%s %s\n", p.r.ErrStyles.Dim("hint:"), h.Hint())
		}
		return
	}
	if rep == nil {
		return
	}
	if p.json {
		p.writeJSON(restoredJSON{Type: "restored", AppID: rep.AppID, Outcome: rep.Outcome, URLs: rep.URLs})
	}
	fmt.Fprintf(p.r.Err, "%s application %s restored: %s\n", p.r.ErrStyles.Success("✓"), rep.AppID, describeURLs(rep.URLs))
}

// restoredJSON is the NDJSON line written when the Application is put back.
type restoredJSON struct {
	Type    string         `json:"type"`
	AppID   string         `json:"app_id"`
	Outcome tunnel.Outcome `json:"outcome"`
	URLs    tunnel.URLSet  `json:"urls"`
}

// writeJSON writes one compact NDJSON line; mu is held.
func (p *tunnelPrinter) writeJSON(v any) {
	enc := json.NewEncoder(p.r.Out)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// exchangeJSON is an exchange on stdout: everything but headers and bodies (the --log file has
// those).
type exchangeJSON struct {
	Type       string                 `json:"type"`
	ID         string                 `json:"id"`
	ReplayOf   string                 `json:"replay_of,omitempty"`
	Time       time.Time              `json:"time"`
	Method     string                 `json:"method"`
	URI        string                 `json:"uri"`
	PublicURL  string                 `json:"public_url,omitempty"`
	Event      string                 `json:"event,omitempty"`
	Status     int                    `json:"status,omitempty"`
	DurationMS float64                `json:"duration_ms"`
	Signature  *tunnel.SignatureCheck `json:"signature,omitempty"`
	Lint       *tunnel.LintSummary    `json:"lint,omitempty"`
	Error      string                 `json:"error,omitempty"`
}

func summarizeExchange(ex tunnel.Exchange) exchangeJSON {
	out := exchangeJSON{
		Type: "exchange", ID: ex.ID, ReplayOf: ex.ReplayOf, Time: ex.Time, Method: ex.Request.Method, URI: ex.Request.URI,
		PublicURL: ex.PublicURL, Event: ex.Event, DurationMS: ex.DurationMS, Signature: ex.Signature, Lint: ex.Lint, Error: ex.Error,
	}
	if ex.Response != nil {
		out.Status = ex.Response.Status
	}
	return out
}
